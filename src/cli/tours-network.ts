import { coverage } from '../analysis/coverage';
import { standardById } from '../analysis/standards';
import { InputError } from '../errors';
import { loadNetwork } from '../node/load-network';
import { facilityCategories } from '../points/facility-categories';
import type { IndexedPoint } from '../points/indexed-point';
import { planTours } from '../tours/plan-tours';
import type { CliIo } from './io';
import {
  listOption,
  minutesListOption,
  numberOption,
  pointFileOptions,
  profileOption,
  readFor,
} from './options';
import { categoriesZh, parseLang } from '../report/lang';
import { shiftInputs, warnCrsShift } from './crs-shift-warning';
import { outputCrs } from './output-crs';
import { commandProgress } from './progress';
import { readCommandPoints } from './read-command-points';
import { pointsOfCategories } from './points-of-categories';
import { type ToursReport, toursJson, toursFiles, toursText } from './tours-output';
import { writeDirectoryAtomic } from '../node/files';
import { UsageError } from './usage-error';
import { needsOption } from './needs-option';

/** The option values `servicereach tours` passes to its network mode. */
export interface ToursNetworkValues {
  network?: string;
  profile?: string;
  villages?: string;
  facilities?: string;
  depots?: string;
  category?: string;
  standard?: string;
  minutes?: string;
  'day-hours'?: string;
  'service-minutes'?: string;
  'period-days'?: string;
  'max-stops'?: string;
  'max-snap'?: string;
  'max-walk'?: string;
  'id-field'?: string;
  'lon-field'?: string;
  'lat-field'?: string;
  'category-field'?: string;
  crs?: string;
  'network-crs'?: string;
  'villages-crs'?: string;
  'facilities-crs'?: string;
  'depots-crs'?: string;
  lang?: string;
  'out-crs'?: string;
  out?: string;
  json?: boolean;
  quiet?: boolean;
  seed?: number;
  timeLimitS?: number;
  iterations?: number;
}

const C = 'tours';

/**
 * `servicereach tours --network …`: villages outside a service circle (or all of them), toured
 * by vehicles from depots; prints the plan and writes tours.geojson and schedule.csv.
 *
 * @param values - Parsed options.
 * @param io - Where output goes.
 * @param clock - The solver's clock (process CPU time).
 * @example
 * await runToursOnNetwork(values, io, cpuMs);
 */
export async function runToursOnNetwork(
  values: ToursNetworkValues,
  io: CliIo,
  clock: () => number,
): Promise<number> {
  if (!values.villages) throw new UsageError('tours --network needs --villages', C);
  if (!values.depots && !values.facilities)
    throw new UsageError('tours --network needs --depots (or --facilities as the depots)', C);
  if ((values.standard || values.minutes) && !values.facilities)
    throw new UsageError('--standard and --minutes need --facilities: whose circle?', C);
  // The standard brings its own threshold and categories: --minutes and --category were dropped.
  const standard = values.standard ? standardById(values.standard) : undefined;
  const fromStandard = !standard
    ? undefined
    : values.minutes
      ? 'minutes'
      : values.category && standard.categories.length
        ? 'category'
        : undefined;
  if (fromStandard)
    throw new UsageError(
      `--${fromStandard} comes from standard ${standard!.id}; leave out --${fromStandard} or --standard`,
      C,
    );
  const minutes = values.minutes ? minutesListOption(values.minutes, C) : undefined;
  if (minutes && minutes.length > 1)
    throw new UsageError(
      `--minutes takes one threshold for tours (the villages outside it are visited), got "${values.minutes}"`,
      C,
    );
  needsOption(
    values as Record<string, unknown>,
    ['out-crs'],
    'out',
    'it sets the coordinates of the files written; add --out <dir>',
    C,
  );
  const dayHours = numberOption('day-hours', values['day-hours'], C, true) ?? 8;
  if (dayHours > 24)
    throw new UsageError(`--day-hours must be at most 24, got "${values['day-hours']}"`, C);
  const serviceMinutes = numberOption('service-minutes', values['service-minutes'], C) ?? 45;
  const periodDays = numberOption('period-days', values['period-days'], C, true) ?? 5;
  const maxStops = numberOption('max-stops', values['max-stops'], C, true);
  const maxSnap = numberOption('max-snap', values['max-snap'], C);
  const maxWalkM = numberOption('max-walk', values['max-walk'], C);
  if (!Number.isInteger(periodDays))
    throw new UsageError(`--period-days must be a whole number, got "${values['period-days']}"`, C);
  if (maxStops !== undefined && !Number.isInteger(maxStops))
    throw new UsageError(`--max-stops must be a whole number, got "${values['max-stops']}"`, C);
  const profile = profileOption(values.profile, C) ?? 'car';
  const lang = parseLang(values.lang);
  const outCrs = outputCrs(values as Record<string, unknown>, {
    flag: 'villages',
    path: values.villages,
  });
  const read = pointFileOptions(values);
  const progress = commandProgress({ quiet: values.quiet, json: values.json }, io, lang);
  const context = { read, progress, io, quiet: values.quiet, lang };
  const categories = standard?.categories.length
    ? standard.categories
    : listOption(values.category);
  const wanted = { facilities: categories ?? ['health'] };
  const own = (flag: string) => ({
    ...context,
    read: readFor(read, values as Record<string, unknown>, flag),
  });
  const villages = await readCommandPoints(values.villages, { places: true }, own('villages'));
  const facilities = values.facilities
    ? await readCommandPoints(values.facilities, wanted, own('facilities'))
    : [];
  // Without --depots, vehicles are based at the facilities of the categories in question.
  // A GeoJSON/CSV depots file is chosen among by the categories asked for, as an OSM one is
  // while it is read (it was every point whatever --category said); without any, every point.
  const depots = values.depots
    ? pointsOfCategories(
        await readCommandPoints(values.depots, wanted, own('depots')),
        values.depots,
        categories,
        standard?.categories.length ? `standard ${standard.id}` : '--category',
      )
    : facilities.filter((f) => facilityCategories(f).some((c) => wanted.facilities.includes(c)));
  progress.done();
  if (villages.length === 0)
    throw new InputError('no-villages', `${values.villages} holds no villages`, {
      zh: `${values.villages} 中没有村庄`,
    });
  if (depots.length === 0)
    throw new InputError(
      'no-depots',
      values.depots
        ? `${values.depots} holds no depots`
        : `${values.facilities} holds no facility of ${wanted.facilities.join(', ')} to base vehicles at`,
      {
        zh: values.depots
          ? `${values.depots} 中没有车辆驻地`
          : `${values.facilities} 中没有可作车辆驻地的${categoriesZh(wanted.facilities)}类设施`,
      },
    );
  const networkCrs = readFor(read, values as Record<string, unknown>, 'network').crs;
  const net = await loadNetwork(values.network!, {
    profile,
    crs: networkCrs,
    encoding: read.encoding,
    onProgress: (a, b) => progress.update(progress.text.readingRoads, a, b),
  });
  progress.done();
  warnCrsShift(
    net,
    shiftInputs(values as Record<string, unknown>, read, {
      villages,
      facilities: values.facilities ? facilities : null,
      depots: values.depots ? depots : null,
    }),
    { io, quiet: values.quiet, lang },
  );
  // Which villages the vehicles serve: those outside the circle, or all of them.
  let targets: IndexedPoint[] = villages;
  let circle = lang === 'zh' ? '全部村庄' : 'all villages';
  if (standard || minutes) {
    const covNet =
      standard && standard.profile !== net.meta.profile
        ? await loadNetwork(values.network!, {
            profile: standard.profile as typeof profile,
            crs: networkCrs,
            encoding: read.encoding,
          })
        : net;
    const cov = coverage(covNet, villages, facilities, {
      standard,
      thresholdsMinutes: standard ? undefined : minutes,
      categories: standard ? undefined : listOption(values.category),
      maxSnapDistanceM: maxSnap,
    });
    targets = cov.villages.filter((v) => v.status !== 'covered').map((v) => villages[v.index]);
    circle =
      lang === 'zh'
        ? `${villages.length} 个村庄中在${standard ? `“${standard.zh?.title ?? standard.title}”` : ` ${minutes![0]} 分钟服务圈`}之外的 ${targets.length} 个`
        : `${targets.length} of ${villages.length} villages outside ${standard ? standard.id : `${minutes![0]} min`}`;
  }
  const plan = planTours(net, targets, depots, {
    dayHours,
    serviceMinutes,
    periodDays,
    maxStops,
    seed: values.seed,
    timeLimitS: values.timeLimitS,
    iterations: values.iterations,
    clock,
    geometry: values.out !== undefined,
    maxSnapDistanceM: maxSnap,
    maxWalkM,
  });
  const report: ToursReport = {
    plan,
    villages: targets,
    depots,
    selection: circle,
    dayHours,
    serviceMinutes,
    periodDays,
    lang,
    crs: outCrs.identity ? undefined : outCrs,
  };
  if (values.out) writeDirectoryAtomic(values.out, toursFiles(report));
  if (values.json) io.stdout.write(`${JSON.stringify(toursJson(report))}\n`);
  else {
    io.stdout.write(toursText(report));
    if (values.out)
      io.stdout.write(
        lang === 'zh'
          ? `已写出 ${values.out}/：tours.geojson、schedule.csv、schedule.xlsx\n`
          : `written to ${values.out}/: tours.geojson, schedule.csv and schedule.xlsx\n`,
      );
  }
  return 0;
}
