import { crsShiftCheck } from '../analysis/crs-shift-check';
import type { RoadNetwork } from '../network/road-network';
import type { Lang } from '../report/lang';
import { type CliIo, warn } from './io';
import { readFor } from './options';

/** One points input of a command, as the shift check sees it. */
export interface ShiftCheckedInput {
  /** The input's flag without dashes (`facilities`, `villages`, `to`, `from`, `candidates`, `depots`). */
  flag: string;
  /** The file named on the command line. */
  path: string;
  /** The points as read. */
  points: readonly { lon: number; lat: number }[];
  /** The CRS the user declared for it (`--<flag>-crs` or `--crs`); checked only when undefined. */
  crs: string | undefined;
}

/** At most this many points of one input are snapped three times by the check (evenly spread). */
const SAMPLE = 2000;

const CRS_ZH = { gcj02: 'GCJ-02（高德、腾讯）', bd09: 'BD-09（百度）' } as const;

/**
 * The GCJ-02 / BD-09 shift check of every command that snaps villages or facilities onto a road
 * network: for each points input whose CRS was not declared, warn (on stderr, in the language
 * asked for) when the points sit off the roads the way Amap or Baidu coordinates read as WGS84
 * do, and name the option that fixes it (`--facilities-crs gcj02`). Large inputs are checked on
 * an evenly spread sample of 2000 points. Silent with `quiet`.
 *
 * @param net - The road network the points will be snapped to.
 * @param inputs - The command's points inputs.
 * @param context - Where warnings go, `--quiet` and `--lang`.
 * @returns The inputs that look shifted, with the CRS they look like (for tests and callers).
 * @example
 * warnCrsShift(net, [{ flag: 'facilities', path: values.facilities!, points: facilities, crs: undefined }], { io, lang });
 */
export function warnCrsShift(
  net: RoadNetwork,
  inputs: readonly ShiftCheckedInput[],
  context: { io: CliIo; quiet?: boolean; lang?: Lang },
): { flag: string; suspect: 'gcj02' | 'bd09' }[] {
  const found: { flag: string; suspect: 'gcj02' | 'bd09' }[] = [];
  if (context.quiet) return found;
  for (const input of inputs) {
    if (input.crs !== undefined || input.points.length === 0) continue;
    const step = Math.ceil(input.points.length / SAMPLE);
    const sample =
      step > 1
        ? input.points.filter((_, i) => i % step === 0)
        : (input.points as typeof input.points);
    const check = crsShiftCheck(net, sample);
    if (!check.suspect || !check.message) continue;
    found.push({ flag: input.flag, suspect: check.suspect });
    const option = `--${input.flag}-crs ${check.suspect}`;
    const text =
      context.lang === 'zh'
        ? `${input.path}：这些点整体偏离道路，像是${CRS_ZH[check.suspect]}坐标当作 WGS84 读入：原样读取时到最近道路的中位距离 ${Math.round(check.medianGivenM)} 米，按 ${check.suspect} 读取为 ${Math.round(check.medianCorrectedM)} 米；如数据来自这类地图，请加 ${option}`
        : `${input.path}: ${check.message.replace(`--crs ${check.suspect}`, option)}`;
    warn(context.io, text, context.lang);
  }
  return found;
}

/**
 * A command's points inputs as the shift check takes them: for each flag given points, the file
 * named by `--<flag>` and the CRS declared for it (`--<flag>-crs`, else `--crs`). Flags whose
 * points are null or undefined (an input not given) are left out.
 *
 * @param values - The command's option values (`values.villages` is the villages' path).
 * @param read - The command's read options (their `crs` is `--crs`).
 * @param points - The points read, by flag.
 * @returns The inputs, in the order of `points`.
 * @example
 * warnCrsShift(net, shiftInputs(values, read, { villages, facilities }), { io, quiet: values.quiet, lang });
 */
export function shiftInputs(
  values: Readonly<Partial<Record<string, unknown>>>,
  read: { crs?: string },
  points: Readonly<Record<string, readonly { lon: number; lat: number }[] | null | undefined>>,
): ShiftCheckedInput[] {
  const inputs: ShiftCheckedInput[] = [];
  for (const [flag, p] of Object.entries(points))
    if (p)
      inputs.push({
        flag,
        path: String(values[flag]),
        points: p,
        crs: readFor(read, values, flag).crs,
      });
  return inputs;
}
