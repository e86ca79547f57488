import { InputError } from '../errors';

/**
 * An accessibility standard: which facilities serve it, how they are reached and within what.
 * `metric: 'time'` thresholds are minutes of travel on the profile's network (off-road legs
 * included); `metric: 'distance'` thresholds are metres along the network.
 */
export interface ServiceStandard {
  id: string;
  title: string;
  /** Name of the speed profile the network must be built with (`walk`, `car`, `bicycle`, or your own). */
  profile: string;
  metric: 'time' | 'distance';
  /** Minutes (time) or metres (distance). */
  threshold: number;
  /** Facility categories that serve it; see `require`. */
  categories: string[];
  /**
   * `all`: a village is covered when a facility of *every* category is within the threshold
   * (a 15-minute circle of several services); `any`: when one facility of any category is.
   */
  require: 'all' | 'any';
  /** Where the standard comes from, and how this preset reads it. */
  source: string;
}

const PLAN_YUNNAN =
  'Yunnan Province 14th Five-Year public-service plan: 15-minute public-service circles in towns and a 1.5-hour basic public-service circle for remote rural villages';
const PLAN_CULTURE =
  'county and township public-culture programmes (e.g. Lishui, Zhenjiang): town culture circles and the rural "10-li" (5 km) culture circle';

/**
 * The presets drawn from regional plans. Each is this library's reading of a plan's wording:
 * check the thresholds and categories against the plan text that binds your study, and define
 * your own with `defineStandard` where they differ.
 */
export const STANDARDS: readonly ServiceStandard[] = [
  {
    id: 'community-15min',
    title: '15-minute community public-service circle (on foot)',
    profile: 'walk',
    metric: 'time',
    threshold: 15,
    categories: ['elderly-care', 'fitness', 'employment', 'culture'],
    require: 'all',
    source: `${PLAN_YUNNAN}; read as: elderly care, fitness, employment service and culture each within a 15-minute walk`,
  },
  {
    id: 'elderly-care-15min',
    title: '15-minute elderly-care circle (on foot)',
    profile: 'walk',
    metric: 'time',
    threshold: 15,
    categories: ['elderly-care'],
    require: 'any',
    source: PLAN_YUNNAN,
  },
  {
    id: 'fitness-15min',
    title: '15-minute fitness circle (on foot)',
    profile: 'walk',
    metric: 'time',
    threshold: 15,
    categories: ['fitness'],
    require: 'any',
    source: PLAN_YUNNAN,
  },
  {
    id: 'employment-15min',
    title: '15-minute employment-service circle (on foot)',
    profile: 'walk',
    metric: 'time',
    threshold: 15,
    categories: ['employment'],
    require: 'any',
    source: PLAN_YUNNAN,
  },
  {
    id: 'town-culture-10min',
    title: '10-minute town culture circle (on foot)',
    profile: 'walk',
    metric: 'time',
    threshold: 10,
    categories: ['culture'],
    require: 'any',
    source: PLAN_CULTURE,
  },
  {
    id: 'rural-culture-5km',
    title: '"10-li" rural culture circle: 5 km along the roads and paths',
    profile: 'walk',
    metric: 'distance',
    threshold: 5000,
    categories: ['culture'],
    require: 'any',
    source: `${PLAN_CULTURE}; 10 li = 5 km, measured along the network (footpaths included), not as the crow flies`,
  },
  {
    id: 'rural-basic-90min',
    title: '1.5-hour basic public-service circle for remote rural villages (by car)',
    profile: 'car',
    metric: 'time',
    threshold: 90,
    categories: ['health', 'education'],
    require: 'all',
    source: `${PLAN_YUNNAN}; read as: a health facility and a school each within 90 minutes by car`,
  },
];

/**
 * A preset by id, or an error listing the ids.
 *
 * @example
 * standardById('rural-basic-90min').threshold; // 90
 */
export function standardById(id: string): ServiceStandard {
  const s = STANDARDS.find((x) => x.id === id);
  if (!s)
    throw new InputError(
      'unknown-standard',
      `unknown standard "${id}"; presets: ${STANDARDS.map((x) => x.id).join(', ')}`,
    );
  return s;
}

/**
 * Check and complete a user-defined standard (missing `require` → `any`, `metric` → `time`).
 *
 * @example
 * const s = defineStandard({ id: 'clinic-30min', title: 'Clinic within 30 min by car', profile: 'car',
 *   threshold: 30, categories: ['health'], source: 'county health plan 2025' });
 */
export function defineStandard(
  s: Omit<ServiceStandard, 'require' | 'metric'> &
    Partial<Pick<ServiceStandard, 'require' | 'metric'>>,
): ServiceStandard {
  const out: ServiceStandard = {
    ...s,
    metric: s.metric ?? 'time',
    require: s.require ?? 'any',
    categories: [...s.categories],
  };
  const where = `standard "${s.id}"`;
  if (!out.id || typeof out.id !== 'string')
    throw new InputError('invalid-standard', `a standard needs an id, got ${JSON.stringify(s.id)}`);
  if (typeof out.profile !== 'string' || !out.profile)
    throw new InputError(
      'invalid-standard',
      `${where}: profile must be a profile name (walk, car, bicycle…), got ${JSON.stringify(out.profile)}`,
    );
  if (out.metric !== 'time' && out.metric !== 'distance')
    throw new InputError(
      'invalid-standard',
      `${where}: metric must be time or distance, got ${JSON.stringify(out.metric)}`,
    );
  if (!(out.threshold > 0 && Number.isFinite(out.threshold)))
    throw new InputError(
      'invalid-standard',
      `${where}: threshold must be a number > 0, got ${JSON.stringify(out.threshold)}`,
    );
  if (out.require !== 'all' && out.require !== 'any')
    throw new InputError(
      'invalid-standard',
      `${where}: require must be all or any, got ${JSON.stringify(out.require)}`,
    );
  if (!Array.isArray(out.categories) || out.categories.some((c) => typeof c !== 'string' || !c))
    throw new InputError(
      'invalid-standard',
      `${where}: categories must be a list of names, got ${JSON.stringify(s.categories)}`,
    );
  return out;
}
