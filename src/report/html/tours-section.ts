import { esc, type NumberFormat } from './format';
import type { StringKey } from './strings';

/** One mobile-service tour as the report lists it: a vehicle's villages on one day. */
export interface ReportTourRow {
  /** Vehicle number, from 1. */
  vehicle: number;
  /** Day of the period, from 1. */
  day: number;
  depotName: string;
  /** The villages' names in visiting order. */
  villages: readonly string[];
  driveHours: number;
  /** Driving plus time at the villages, depot to depot. */
  totalHours: number;
}

/** A village no tour can serve, and why (`off-network`, `unreachable`, `longer-than-day`…). */
export interface ReportUnservedRow {
  name: string;
  township: string | null;
  population: number | null;
  reason: string;
}

/** The mobile-service tours shown in the report (built by the caller from a tour plan). */
export interface ReportTours {
  /** Section heading (default: the report language's "Mobile-service tours"). */
  title?: string;
  /** A line under the heading (default: vehicles, tours and villages counted in words). */
  summary?: string;
  rows: readonly ReportTourRow[];
  unserved: readonly ReportUnservedRow[];
}

const REASON_KEYS: Readonly<Record<string, StringKey>> = {
  'off-network': 'off-network',
  unreachable: 'unreachable',
  'longer-than-day': 'tourLongerThanDay',
};

/**
 * The report's section on mobile-service tours: a heading, a summary line, a table of the tours
 * by vehicle and day (depot, villages in order, driving and total hours) and the list of
 * villages no tour can serve with township, population and reason. All text escaped.
 *
 * @param tours - The tours and the villages not served.
 * @param t - The report's strings (`reportStrings(lang)`).
 * @param fmt - The report's number formatting (`numberFormat(lang)`).
 * @returns The section's HTML.
 * @example
 * const html = toursSection({ rows: [], unserved: [] }, reportStrings('en'), numberFormat('en'));
 */
export function toursSection(
  tours: ReportTours,
  t: (key: StringKey, slots?: Record<string, string | number>) => string,
  fmt: NumberFormat,
): string {
  const rows = tours.rows.slice().sort((a, b) => a.vehicle - b.vehicle || a.day - b.day);
  const vehicles = new Set(rows.map((r) => r.vehicle)).size;
  let visited = 0;
  for (const r of rows) visited += r.villages.length;
  const summary =
    tours.summary ??
    t('toursSummary', {
      vehicles,
      tours: rows.length,
      villages: visited,
      unserved: tours.unserved.length,
    });
  const out = [`<h2>${esc(tours.title ?? t('toursTitle'))}</h2>`, `<p>${esc(summary)}</p>`];
  if (rows.length > 0) {
    out.push(
      `<table><tr><th>${t('tourVehicle')}</th><th>${t('tourDay')}</th><th>${t('tourDepot')}</th>` +
        `<th>${t('tourVillages')}</th><th>${t('tourDriveHours')}</th><th>${t('tourTotalHours')}</th></tr>`,
    );
    for (const r of rows)
      out.push(
        `<tr><td>${r.vehicle}</td><td>${r.day}</td><td>${esc(r.depotName)}</td>` +
          `<td>${esc(r.villages.join(' → '))}</td><td>${fmt.fixed(r.driveHours, 1)}</td>` +
          `<td>${fmt.fixed(r.totalHours, 1)}</td></tr>`,
      );
    out.push('</table>');
  }
  if (tours.unserved.length > 0) {
    out.push(
      `<h3>${t('toursUnserved')}</h3>`,
      `<table><tr><th>${t('village')}</th><th>${t('township')}</th><th>${t('population')}</th><th>${t('reason')}</th></tr>`,
    );
    for (const u of tours.unserved) {
      const key = REASON_KEYS[u.reason];
      out.push(
        `<tr><td>${esc(u.name)}</td><td>${esc(u.township ?? '')}</td>` +
          `<td>${u.population === null ? t('populationUnknown') : fmt.int(u.population)}</td>` +
          `<td>${esc(key ? t(key) : u.reason)}</td></tr>`,
      );
    }
    out.push('</table>');
  }
  return out.join('\n');
}
