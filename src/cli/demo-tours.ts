import type { CoverageResult } from '../analysis/coverage';
import type { RoadNetwork } from '../network/road-network';
import { facilityCategories } from '../points/facility-categories';
import type { IndexedPoint } from '../points/indexed-point';
import type { ReportTours } from '../report/report-html';
import { planTours } from '../tours/plan-tours';
import { pointLabel } from './command-text';
import { type ToursReport, toursFiles, toursJson, unservedReasonZh } from './tours-output';
import type { Lang } from '../report/lang';

/** What the demo shows of the mobile tours: a JSON part for summary.json and printed lines. */
export interface DemoTours {
  summary: Record<string, unknown>;
  lines: string[];
  /** `[name, text]` of the files to write into the demo's folder (none when no tour is needed). */
  files: [string, string | Uint8Array][];
  /** The tours for the report's section (absent when no tour is needed). */
  report?: ReportTours;
}

/**
 * The demo's mobile-service step: the villages still outside a standard's circle after the fixed
 * sites (`result`) are toured by vehicles based at the township health centres and hospitals
 * (8 h days, 45 min per village, once every 5 working days; a fixed number of solver iterations,
 * so the demo prints the same every time). Its `files` (`tours.geojson`, `schedule.csv`) go into
 * the demo's output folder.
 *
 * @param net - The car network.
 * @param villages - All villages (`result` indexes them).
 * @param facilities - All facilities; the vehicles' depots are picked among them.
 * @param result - Coverage of the standard whose remaining villages are toured.
 * @param lang - `zh`: the lines, schedule.csv/.xlsx and tours.geojson in Chinese (the summary's
 *   keys and reason codes stay as they are).
 * @returns The summary part and the lines to print.
 * @example
 * const tours = demoTours(nets.car, villages, facilities, rural90);
 */
export function demoTours(
  net: RoadNetwork,
  villages: readonly IndexedPoint[],
  facilities: readonly IndexedPoint[],
  result: CoverageResult,
  lang: Lang = 'en',
): DemoTours {
  const targets = result.villages
    .filter((v) => v.status !== 'covered')
    .map((v) => villages[v.index]);
  const depots = facilities.filter(
    (f) =>
      facilityCategories(f).includes('health') &&
      // the sample county's names are Chinese, its English ones kept as name_en
      /township health centre|hospital/i.test(
        String(f.properties?.name_en ?? f.properties?.name ?? ''),
      ),
  );
  const selection = `${targets.length} of ${villages.length} villages outside ${result.standard.id}`;
  const circle = result.standard.zh?.title ?? result.standard.id;
  if (targets.length === 0 || depots.length === 0)
    return {
      summary: { selection, vehicles: 0, depots: depots.length },
      lines: [
        lang === 'zh'
          ? `  流动服务：${targets.length === 0 ? `“${circle}”之外没有村庄，无需巡回` : '没有可驻车的乡镇卫生院或医院'}`
          : `  mobile tours: ${selection}, ${targets.length === 0 ? 'no tours needed' : 'no township health centre or hospital to base vehicles at'}`,
      ],
      files: [],
    };
  const settings = { dayHours: 8, serviceMinutes: 45, periodDays: 5 };
  const plan = planTours(net, targets, depots, { ...settings, iterations: 2000, geometry: true });
  const report: ToursReport = {
    plan,
    villages: targets,
    depots,
    selection:
      lang === 'zh'
        ? `${villages.length} 个村庄中在“${circle}”之外的 ${targets.length} 个`
        : selection,
    ...settings,
    lang,
  };
  const j = toursJson(report);
  const lines =
    lang === 'zh'
      ? demoToursZh(j, circle, report)
      : [
          `  mobile tours for the ${selection} (8 h days, 45 min a village, weekly): ` +
            `${j.villagesVisited} served by ${plan.vehicles} ${plan.vehicles === 1 ? 'vehicle' : 'vehicles'}, ` +
            `${plan.tours.length} ${plan.tours.length === 1 ? 'tour' : 'tours'} a week ` +
            '(tours.geojson, schedule.csv, schedule.xlsx)',
          ...j.tours.map(
            (t) =>
              `    vehicle ${t.vehicle} from ${t.depotName}, day ${t.day}: ` +
              `${t.stops.map((s) => s.name + (s.walkM > 0 ? ` (walk ${(s.walkM / 1000).toFixed(1)} km)` : '')).join(' → ')}`,
          ),
          ...j.unserved.map(
            (u) =>
              `    cannot be served: ${u.name}${u.township ? ` (${u.township})` : ''} — ${u.reason}`,
          ),
        ];
  return {
    summary: {
      selection,
      standard: result.standard.id,
      depots: depots.map((d, i) => pointLabel(d, i)),
      ...settings,
      villagesVisited: j.villagesVisited,
      populationServed: j.populationServed,
      vehicles: j.vehicles,
      toursPerPeriod: j.toursPerPeriod,
      driveHoursPerPeriod: Math.round(j.driveHoursPerPeriod * 10) / 10,
      unserved: j.unserved.map((u) => ({ village: u.village, name: u.name, reason: u.reason })),
    },
    lines,
    files: toursFiles(report),
    report: {
      rows: j.tours.map((t) => ({
        vehicle: t.vehicle,
        day: t.day,
        depotName: t.depotName,
        villages: t.stops.map((s) => s.name),
        driveHours: t.driveMinutes / 60,
        totalHours: t.hours,
      })),
      unserved: j.unserved.map((u) => ({
        name: u.name,
        township: u.township,
        population: u.population,
        reason: u.reason,
      })),
    },
  };
}

// The demo's tour lines in Chinese: the one-line result, then each tour and who cannot be served.
function demoToursZh(j: ReturnType<typeof toursJson>, circle: string, r: ToursReport): string[] {
  return [
    `  流动服务：${circle}之外的村庄中 ${j.villagesVisited} 个由 ${j.vehicles} 辆流动服务车` +
      `每 ${j.periodDays} 个工作日巡回 ${j.toursPerPeriod} 趟，${j.unserved.length} 个无法服务` +
      '（每天 8 小时，每村 45 分钟，每周一次；tours.geojson、schedule.csv、schedule.xlsx）',
    ...j.tours.map(
      (t) =>
        `    第 ${t.vehicle} 辆车从${t.depotName}出发，第 ${t.day} 天：` +
        t.stops
          .map((s) => s.name + (s.walkM > 0 ? `（步行 ${(s.walkM / 1000).toFixed(1)} 公里）` : ''))
          .join(' → '),
    ),
    ...j.unserved.map(
      (u) =>
        `    无法服务：${u.name}${u.township ? `（${u.township}）` : ''} — ${unservedReasonZh(u, r)}`,
    ),
  ];
}
