import { durationText } from '../tours/duration-text';
import { xlsxWorkbook } from '../report/xlsx-workbook';
import type { IndexedPoint } from '../points/indexed-point';
import { villagePopulation } from '../points/village-population';
import { csvField } from '../report/csv-field';
import type { TourPlan } from '../tours/plan-tours';
import { pointLabel } from './command-text';
import type { Lang } from '../report/lang';
import { type Crs, outputXy } from '../geo/crs/crs';
import { fromWgs84GeoJson } from '../geo/crs/reproject-geojson';

/** A tour plan with what a planner reads it by: the villages and depots by name, the settings. */
export interface ToursReport {
  plan: TourPlan;
  /** The villages toured (`plan` indices point here). */
  villages: readonly IndexedPoint[];
  depots: readonly IndexedPoint[];
  /** Which villages were toured, in words (e.g. `10 of 312 villages outside 30 min`). */
  selection: string;
  dayHours: number;
  serviceMinutes: number;
  periodDays: number;
  /** Property holding a village's population (default `population`). */
  populationField?: string;
  /** Language of the text, the schedule's header and its notes (default `en`). */
  lang?: Lang;
  /** CRS of the coordinates in the files (default WGS84): see `--out-crs`. */
  crs?: Crs;
}

function township(p: IndexedPoint): string | undefined {
  const t = p.properties?.township;
  return typeof t === 'string' && t !== '' ? t : typeof t === 'number' ? String(t) : undefined;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const hours = (minutes: number) => durationText(minutes);
const clock = (minutes: number) => {
  const m = Math.round(minutes);
  return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
};
const km = (m: number) => (m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toFixed(1)} km`);
const people = (n: number) => n.toLocaleString('en-US');

/**
 * The plan as JSON: the summary numbers, every tour with its stops by name, and the villages
 * that cannot be served with name, township, population and reason.
 *
 * @param r - The plan and its villages, depots and settings.
 * @returns A JSON-ready object.
 * @example
 * io.stdout.write(JSON.stringify(toursJson(report)));
 */
export function toursJson(r: ToursReport) {
  const { plan, villages, depots } = r;
  const pop = (v: number) => villagePopulation(villages[v], v, r.populationField ?? 'population');
  const village = (v: number) => ({
    village: villages[v].id ?? v,
    name: pointLabel(villages[v], v),
    township: township(villages[v]) ?? null,
    population: pop(v),
  });
  let populationServed = 0;
  for (const t of plan.tours) for (const v of t.villages) populationServed += pop(v) ?? 0;
  return {
    villagesVisited: villages.length - plan.unserved.length,
    selection: r.selection,
    populationServed,
    vehicles: plan.vehicles,
    vehiclesPerDepot: plan.vehiclesPerDepot,
    periodDays: r.periodDays,
    toursPerPeriod: plan.tours.length,
    driveHoursPerPeriod: plan.driveMinutes / 60,
    tours: plan.tours.map((t) => ({
      vehicle: t.vehicle + 1,
      day: t.day,
      depot: depots[t.depot].id ?? t.depot,
      depotName: pointLabel(depots[t.depot], t.depot),
      hours: t.hours,
      driveMinutes: t.driveMinutes,
      serviceMinutes: t.serviceMinutes,
      stops: t.villages.map((v, k) => ({
        ...village(v),
        arriveMinutes: t.arriveMinutes[k],
        walkM: t.walkM[k],
      })),
    })),
    unserved: plan.unserved.map((u) => ({
      ...village(u.village),
      reason: u.reason,
      detail: u.detail,
      roadDistanceM: u.roadDistanceM,
      // The numbers behind a longer-than-day detail, for readers that do not parse its English.
      roundTripS: u.roundTripS ?? null,
      walkM: u.walkM ?? null,
    })),
  };
}

/**
 * The plan as text a planner can act on: per vehicle (and its depot) and per day, the villages
 * in order with arrival times, driving and service hours; the villages that cannot be served
 * with township, population and reason; a totals line.
 *
 * @param r - The plan and its villages, depots and settings.
 * @returns Lines ending in a newline.
 * @example
 * io.stdout.write(toursText(report));
 */
export function toursText(r: ToursReport): string {
  if (r.lang === 'zh') return toursTextZh(r);
  const j = toursJson(r);
  const { plan } = r;
  const lines = [
    `Mobile tours: ${r.selection}. Each village once every ${plural(r.periodDays, 'working day')};`,
    `a working day of ${r.dayHours} h, ${r.serviceMinutes} min at each village. ` +
      'Times are hours:minutes after leaving the depot.',
  ];
  const where = (s: { township: string | null; population: number | null }) => {
    const parts = [s.township, s.population === null ? null : `${people(s.population)} people`];
    const x = parts.filter((p) => p !== null).join(', ');
    return x ? ` (${x})` : '';
  };
  for (let v = 0; v < plan.vehicles; v++) {
    const mine = j.tours.filter((t) => t.vehicle === v + 1);
    if (mine.length === 0) continue;
    lines.push('', `Vehicle ${v + 1}, based at ${mine[0].depotName}`);
    for (const t of mine) {
      lines.push(
        `  Day ${t.day}: ${plural(t.stops.length, 'village')}, ${hours(t.driveMinutes)} driving, ` +
          `${hours(t.serviceMinutes)} at the villages, back after ${hours(60 * t.hours)}`,
      );
      for (const s of t.stops)
        lines.push(
          `    ${clock(s.arriveMinutes).padStart(5)}  ${s.name}${where(s)}` +
            (s.walkM > 0
              ? ` — park at the nearest road, walk ${km(s.walkM)} each way ` +
                `(${Math.round((120 * s.walkM) / 1000 / plan.walkKmh)} min there and back at ${plan.walkKmh} km/h)`
              : ''),
        );
    }
    const days = new Set(mine.map((t) => t.day));
    const free = Array.from({ length: r.periodDays }, (_, d) => d + 1).filter((d) => !days.has(d));
    if (free.length > 0)
      lines.push(`  free: ${free.length === 1 ? 'day' : 'days'} ${free.join(', ')}`);
  }
  if (j.unserved.length > 0) {
    const pop = j.unserved.reduce((a, u) => a + (u.population ?? 0), 0);
    lines.push(
      '',
      `Cannot be served: ${plural(j.unserved.length, 'village')}${pop > 0 ? `, ${people(pop)} people` : ''}`,
    );
    for (const u of j.unserved) lines.push(`  ${u.name}${where(u)} — ${u.reason}: ${u.detail}`);
  }
  lines.push(
    '',
    `Total: ${j.villagesVisited} of ${plural(r.villages.length, 'village')} served ` +
      `(${people(j.populationServed)} people) by ${plural(plan.vehicles, 'vehicle')}, ` +
      `${plural(plan.tours.length, 'tour')} and ${hours(plan.driveMinutes)} of driving ` +
      `every ${plural(r.periodDays, 'working day')}.`,
  );
  return `${lines.join('\n')}\n`;
}

const REASON_ZH: Record<string, string> = {
  'off-network': '远离道路',
  unreachable: '无路可达',
  'longer-than-day': '一天内往返不完',
};

/**
 * Why a village cannot be served, in Chinese, from the numbers behind the English detail.
 *
 * @param u - The unserved village (reason, distance to the road, and for `longer-than-day` the
 *   round trip's seconds and the walk) as `toursJson` gives it.
 * @param r - The plan's settings (service minutes, day hours, walking speed).
 * @returns The reason, e.g. `无路可达：任何基地都没有往返的道路`.
 * @example
 * unservedReasonZh({ reason: 'unreachable' }, report); // '无路可达：任何基地都没有往返的道路'
 */
export function unservedReasonZh(
  u: {
    reason: string;
    roadDistanceM?: number | null;
    roundTripS?: number | null;
    walkM?: number | null;
  },
  r: ToursReport,
): string {
  const why = REASON_ZH[u.reason] ?? u.reason;
  if (u.reason === 'off-network' && typeof u.roadDistanceM === 'number')
    return `${why}：离最近道路 ${kmZh(u.roadDistanceM)}，超出工作人员步行范围`;
  if (u.reason === 'unreachable') return `${why}：任何基地都没有往返的道路`;
  if (u.reason === 'longer-than-day') {
    // The English detail's numbers: the drive there and back, the service, the walk.
    const trip = typeof u.roundTripS === 'number' ? ` ${hoursZh(u.roundTripS / 60)}` : '';
    const walk =
      typeof u.walkM === 'number' && u.walkM > 0
        ? `及往返步行 ${kmZh(2 * u.walkM)}（${Math.round((120 * u.walkM) / 1000 / r.plan.walkKmh)} 分钟）`
        : '';
    return `${why}：从最近基地往返${trip}，加上 ${r.serviceMinutes} 分钟服务${walk}，超过 ${r.dayHours} 小时工作日`;
  }
  return why;
}

const kmZh = (m: number) => (m < 1000 ? `${Math.round(m)} 米` : `${(m / 1000).toFixed(1)} 公里`);
const hoursZh = (minutes: number) => durationText(minutes, 'zh');

// The Chinese text of `toursText`: the same blocks, numbers and names.
function toursTextZh(r: ToursReport): string {
  const j = toursJson(r);
  const { plan } = r;
  const lines = [
    `流动服务巡回：${r.selection}。每个村庄每 ${r.periodDays} 个工作日服务一次；`,
    `每个工作日 ${r.dayHours} 小时，每村服务 ${r.serviceMinutes} 分钟。时间为离开基地后的时:分。`,
  ];
  const where = (s: { township: string | null; population: number | null }) => {
    const parts = [s.township, s.population === null ? null : `${people(s.population)} 人`];
    const x = parts.filter((p) => p !== null).join('，');
    return x ? `（${x}）` : '';
  };
  for (let v = 0; v < plan.vehicles; v++) {
    const mine = j.tours.filter((t) => t.vehicle === v + 1);
    if (mine.length === 0) continue;
    lines.push('', `第 ${v + 1} 辆车，基地：${mine[0].depotName}`);
    for (const t of mine) {
      lines.push(
        `  第 ${t.day} 天：${t.stops.length} 个村庄，行车 ${hoursZh(t.driveMinutes)}，` +
          `在村 ${hoursZh(t.serviceMinutes)}，${hoursZh(60 * t.hours)}后返回`,
      );
      for (const s of t.stops)
        lines.push(
          `    ${clock(s.arriveMinutes).padStart(5)}  ${s.name}${where(s)}` +
            (s.walkM > 0
              ? ` — 停在最近道路，步行单程 ${kmZh(s.walkM)}` +
                `（按每小时 ${plan.walkKmh} 公里往返 ${Math.round((120 * s.walkM) / 1000 / plan.walkKmh)} 分钟）`
              : ''),
        );
    }
    const days = new Set(mine.map((t) => t.day));
    const free = Array.from({ length: r.periodDays }, (_, d) => d + 1).filter((d) => !days.has(d));
    if (free.length > 0) lines.push(`  空闲：第 ${free.join('、')} 天`);
  }
  if (j.unserved.length > 0) {
    const pop = j.unserved.reduce((a, u) => a + (u.population ?? 0), 0);
    lines.push('', `无法服务：${j.unserved.length} 个村庄${pop > 0 ? `，${people(pop)} 人` : ''}`);
    for (const u of j.unserved) lines.push(`  ${u.name}${where(u)} — ${unservedReasonZh(u, r)}`);
  }
  lines.push(
    '',
    `合计：${r.villages.length} 个村庄中服务 ${j.villagesVisited} 个（${people(j.populationServed)} 人），` +
      `车辆 ${plan.vehicles} 辆，每 ${r.periodDays} 个工作日巡回 ${plan.tours.length} 次，行车 ${hoursZh(plan.driveMinutes)}。`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * The tours as GeoJSON: one LineString per tour along the roads, with day, vehicle, depot
 * (id and name), villages (ids and names) and hours.
 *
 * @param r - The plan (with `geometry`) and its villages, depots and settings.
 * @returns A FeatureCollection.
 * @example
 * writeFileSync('tours.geojson', JSON.stringify(toursGeoJson(report)));
 */
export function toursGeoJson(r: ToursReport) {
  const { plan, villages, depots } = r;
  return {
    type: 'FeatureCollection',
    features: plan.tours.map((t) => ({
      type: 'Feature',
      properties: {
        day: t.day,
        vehicle: t.vehicle + 1,
        depot: depots[t.depot].id ?? t.depot,
        depotName: pointLabel(depots[t.depot], t.depot),
        villages: t.villages.map((v) => villages[v].id ?? v),
        villageNames: t.villages.map((v) => pointLabel(villages[v], v)),
        hours: Math.round(t.hours * 100) / 100,
        driveMinutes: Math.round(t.driveMinutes * 10) / 10,
        serviceMinutes: Math.round(t.serviceMinutes * 10) / 10,
        stroke: PALETTE[t.vehicle % PALETTE.length],
        'stroke-width': 3,
      },
      geometry: { type: 'LineString', coordinates: t.coordinates ?? [] },
    })),
  };
}

const PALETTE = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d'];

/** Columns of schedule.csv. */
export const SCHEDULE_COLUMNS =
  'day,vehicle,depot,depot_name,stop,village,name,township,population,lon,lat,arrive_minutes,walk_m,tour_hours,note';

/** Columns of schedule.csv with `lang: 'zh'`, in the order of `SCHEDULE_COLUMNS`. */
export const SCHEDULE_COLUMNS_ZH =
  '工作日,车辆,基地编号,基地名称,顺序,村庄编号,村名,乡镇,人口,经度,纬度,到达（分钟）,步行（米）,当日工时（小时）,备注';

const scheduleHeader = (r: ToursReport) => {
  const h = r.lang === 'zh' ? SCHEDULE_COLUMNS_ZH : SCHEDULE_COLUMNS;
  // metres of a projected CRS are x and y, not longitude and latitude
  return r.crs?.kind === 'projected' ? h.replace(/,(lon,lat|经度,纬度),/, ',x,y,') : h;
};

/**
 * The schedule as rows of values: one row per stop (day, vehicle, depot, order, village with
 * name, township and population, arrival minute, walk from the road), then one row per village
 * that cannot be served with the reason in `note`. The CSV and the workbook are both drawn from it.
 *
 * @param r - The plan and its villages, depots and settings.
 * @returns Rows without the header (`SCHEDULE_COLUMNS`); empty cells are `null`.
 * @example
 * scheduleRows(report)[0]; // [1, 1, 'F0121', '松箐乡卫生院', 1, 'V0185', …]
 */
export function scheduleRows(r: ToursReport): (string | number | null)[][] {
  const j = toursJson(r);
  const rows: (string | number | null)[][] = [];
  const at = (v: number): [number, number] =>
    r.crs
      ? outputXy(r.crs, r.villages[v].lon, r.villages[v].lat)
      : [r.villages[v].lon, r.villages[v].lat];
  j.tours.forEach((t, i) => {
    t.stops.forEach((s, k) => {
      const [lon, lat] = at(r.plan.tours[i].villages[k]);
      rows.push([
        t.day,
        t.vehicle,
        String(t.depot),
        t.depotName,
        k + 1,
        String(s.village),
        s.name,
        s.township ?? null,
        s.population ?? null,
        lon,
        lat,
        Math.round(s.arriveMinutes * 10) / 10,
        Math.round(s.walkM),
        Math.round(t.hours * 100) / 100,
        null,
      ]);
    });
  });
  j.unserved.forEach((u, i) => {
    const [lon, lat] = at(r.plan.unserved[i].village);
    rows.push([
      null,
      null,
      null,
      null,
      null,
      String(u.village),
      u.name,
      u.township ?? null,
      u.population ?? null,
      lon,
      lat,
      null,
      null,
      null,
      r.lang === 'zh'
        ? `无法服务：${unservedReasonZh(u, r)}`
        : `not served: ${u.reason}: ${u.detail}`,
    ]);
  });
  return rows;
}

/**
 * The schedule as CSV (`scheduleRows` under the `SCHEDULE_COLUMNS` header).
 *
 * @param r - The plan and its villages, depots and settings.
 * @returns CSV text with a header line.
 * @example
 * writeFileSync('schedule.csv', scheduleCsv(report));
 */
export function scheduleCsv(r: ToursReport): string {
  const lines = [scheduleHeader(r)];
  for (const row of scheduleRows(r))
    lines.push(
      row.map((v) => (v === null ? '' : typeof v === 'number' ? String(v) : csvField(v))).join(','),
    );
  return `${lines.join('\n')}\n`;
}

/**
 * The schedule as an Excel workbook: one sheet of the same rows as `schedule.csv`, numbers as
 * numbers, for a bureau that opens it in Excel or WPS.
 *
 * @param r - The plan and its villages, depots and settings.
 * @returns The `.xlsx` bytes.
 * @example
 * writeFileSync('schedule.xlsx', scheduleXlsx(report));
 */
export function scheduleXlsx(r: ToursReport): Uint8Array {
  const rows: (string | number | null)[][] = scheduleRows(r);
  rows.unshift(scheduleHeader(r).split(','));
  return xlsxWorkbook([{ name: r.lang === 'zh' ? '巡回日程' : 'schedule', rows }]);
}

/**
 * The files a tour plan writes: `tours.geojson` (road geometry per tour), `schedule.csv` and
 * `schedule.xlsx`, as `[name, data]` pairs for `writeDirectoryAtomic`.
 *
 * @param r - The plan and its villages, depots and settings.
 * @example
 * writeDirectoryAtomic('out/tours', toursFiles(report));
 */
export function toursFiles(r: ToursReport): [string, string | Uint8Array][] {
  return [
    ['tours.geojson', JSON.stringify(fromWgs84GeoJson(toursGeoJson(r), r.crs))],
    ['schedule.csv', scheduleCsv(r)],
    ['schedule.xlsx', scheduleXlsx(r)],
  ];
}
