import { InputError } from '../errors';
import { optionsObject } from '../geo/check-args';
import type { OptionKeys } from '../geo/option-keys';

/**
 * How much longer a metre takes at a grade than on the flat: a pace multiplier, 1 at grade 0.
 * `grade` is rise over run in the direction of travel (0.1 = 10 % uphill, −0.1 downhill).
 */
export type SlopeFactor = (grade: number) => number;

/** The car model's penalty for steep grades (see `carSlopeFactor`). */
export interface CarGradePenalty {
  /** Grades up to this (either way) cost nothing extra; default 0.06 (6 %). */
  freeGrade?: number;
  /** Extra time per unit of grade beyond `freeGrade`; default 5 (12 % → ×1.3, 20 % → ×1.7). */
  perGrade?: number;
}

/** The keys of `CarGradePenalty`, for the unknown-key check. */
export const CAR_PENALTY_KEYS = {
  freeGrade: true,
  perGrade: true,
} satisfies OptionKeys<CarGradePenalty>;

/**
 * Walking speed by Tobler's hiking function (Tobler 1993, "Three presentations on geographical
 * analysis and modeling", NCGIA TR 93-1): v = 6·e^(−3.5·|grade + 0.05|) km/h, fastest (6 km/h)
 * at 5 % downhill, 5.04 km/h on the flat. As a multiplier of the profile's flat pace:
 * e^(3.5·(|grade + 0.05| − 0.05)), so a footway stays a footway and steps stay steps on the flat.
 *
 * @param grade - Rise over run in the direction of travel.
 * @example
 * toblerSlopeFactor(0.1); // 1.419: 10 % up takes 42 % longer than the flat
 * toblerSlopeFactor(-0.1); // 1: 10 % down is as fast as the flat
 */
export function toblerSlopeFactor(grade: number): number {
  return Math.exp(3.5 * (Math.abs(grade + 0.05) - 0.05));
}

// Constant-power cyclist: rider and bike 85 kg, rolling resistance 0.006, drag area 0.5 m² (an
// upright rider), air 1.2 kg/m³, pedalling 100 W (an easy commuting effort). Uphill the bike is
// pushed at 4 km/h when riding would be slower; downhill speed is capped at 40 km/h (braking).
const BIKE_MASS = 85;
const G = 9.81;
const CRR = 0.006;
const HALF_RHO_CDA = 0.5 * 1.2 * 0.5;
const BIKE_POWER = 100;
const BIKE_PUSH = 4 / 3.6;
const BIKE_MAX = 40 / 3.6;

/**
 * Speed (m/s) at which power `BIKE_POWER` balances gravity, rolling and air on `grade`: the one
 * positive root of b·v³ + a·v − P, where f is increasing past its minimum, by bisection.
 */
function bikeSpeed(grade: number): number {
  const cos = 1 / Math.sqrt(1 + grade * grade);
  const a = BIKE_MASS * G * (CRR * cos + grade * cos);
  const b = HALF_RHO_CDA;
  let lo = a < 0 ? Math.sqrt(-a / (3 * b)) : 0;
  let hi = 100;
  for (let i = 0; i < 60; i++) {
    const mid = 0.5 * (lo + hi);
    if (b * mid ** 3 + a * mid - BIKE_POWER < 0) lo = mid;
    else hi = mid;
  }
  return Math.min(BIKE_MAX, Math.max(BIKE_PUSH, 0.5 * (lo + hi)));
}

const BIKE_FLAT = bikeSpeed(0);

/**
 * Cycling on grades, a constant-power model: a rider pedalling 100 W (85 kg with the bike,
 * rolling resistance 0.006, drag area 0.5 m²: 21.6 km/h on the flat) keeps that power on every
 * grade, pushes at 4 km/h where riding would be slower, and brakes at 40 km/h downhill. As a
 * multiplier of the profile's flat pace: v(0) / v(grade).
 *
 * @param grade - Rise over run in the direction of travel.
 * @example
 * bicycleSlopeFactor(0.05); // ≈ 2.9: 5 % up at ≈ 7.4 km/h
 * bicycleSlopeFactor(-0.05); // ≈ 0.55: 5 % down, braking at 40 km/h
 */
export function bicycleSlopeFactor(grade: number): number {
  return BIKE_FLAT / bikeSpeed(grade);
}

/**
 * A car's penalty for steep grades, up or down: 1 + perGrade × max(0, |grade| − freeGrade). Cars
 * keep their speed on ordinary grades; on mountain roads steeper than 6 % the penalty stands for
 * lower gears, hairpins and braking. Configure it to local observations.
 *
 * @param penalty - `freeGrade` (default 0.06) and `perGrade` (default 5).
 * @returns The factor function.
 * @example
 * carSlopeFactor()(0.12); // 1.3
 * carSlopeFactor({ freeGrade: 0.08, perGrade: 3 })(0.12); // 1.12
 */
export function carSlopeFactor(penalty: CarGradePenalty = {}): SlopeFactor {
  penalty = optionsObject(penalty, 'carSlopeFactor', CAR_PENALTY_KEYS);
  const free = penalty.freeGrade ?? 0.06;
  const per = penalty.perGrade ?? 5;
  if (!(free >= 0 && Number.isFinite(free)) || !(per >= 0 && Number.isFinite(per)))
    throw new InputError(
      'invalid-option',
      `car grade penalty needs freeGrade ≥ 0 and perGrade ≥ 0, got freeGrade ${free}, perGrade ${per}`,
    );
  return (grade) => 1 + per * Math.max(0, Math.abs(grade) - free);
}
