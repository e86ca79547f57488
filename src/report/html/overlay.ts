import type { VillageCoverage } from '../../analysis/coverage';
import { esc } from './format';
import type { MapFrame } from './frame';

/** A suggested site drawn on the map, numbered in pick order. */
export interface ReportSite {
  lon: number;
  lat: number;
  label: string;
  detail: string;
}

/**
 * The SVG drawn over the villages: township labels at the mean position of their villages, the
 * suggested sites, a north arrow, a scale bar of a round number of kilometres and a credit line.
 *
 * @param frame - The map frame.
 * @param villages - The first run's rows (for the township labels).
 * @param sites - Suggested sites, in pick order.
 * @param credit - The line at the bottom right (attribution or subtitle).
 * @param north - The word under the arrow.
 * @param kmWord - The unit of the scale bar.
 * @returns SVG markup (no outer element).
 *
 * @example
 * overlayMarkup(frame, result.villages, [], '© OpenStreetMap contributors', 'N', 'km');
 */
export function overlayMarkup(
  frame: MapFrame,
  villages: readonly VillageCoverage[],
  sites: readonly ReportSite[],
  credit: string,
  north: string,
  kmWord: string,
): string {
  const out: string[] = [];
  // Township labels.
  const sums = new Map<string, [number, number, number]>();
  for (const v of villages) {
    if (v.group === null || v.group === '(none)') continue;
    const s = sums.get(v.group) ?? [0, 0, 0];
    s[0] += frame.x(v.lon);
    s[1] += frame.y(v.lat);
    s[2]++;
    sums.set(v.group, s);
  }
  // Largest townships first; a label that would overlap one already placed is left out.
  const size = sums.size > 60 ? 11 : 13;
  const placed: [number, number, number, number][] = [];
  const labels: string[] = [];
  const order = [...sums.entries()].sort((a, b) => b[1][2] - a[1][2]);
  for (const [g, [sx, sy, n]] of order) {
    let w = 0;
    for (const ch of g) w += ch.charCodeAt(0) > 0x2e80 ? size : size * 0.58;
    // Inside the frame, clear of the north arrow's corner.
    const x = Math.min(Math.max(sx / n, w / 2 + 4), frame.width - w / 2 - 4);
    const y = Math.min(Math.max(sy / n, size + 2), frame.height - 4);
    const box: [number, number, number, number] = [x - w / 2 - 2, y - size, x + w / 2 + 2, y + 3];
    if (placed.some((b) => b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3]))
      continue;
    placed.push(box);
    labels.push(`<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" class="halo">${esc(g)}</text>`);
  }
  if (labels.length)
    out.push(
      `<g class="labels" font-size="${size}" font-weight="600" text-anchor="middle">${labels.join('')}</g>`,
    );
  sites.forEach((s, i) => {
    const x = frame.x(s.lon);
    const y = frame.y(s.lat);
    out.push(
      `<g class="site"><path d="M${x.toFixed(1)},${(y - 9).toFixed(1)}l8,9l-8,9l-8,-9z" fill="#7B3294" stroke="#fff" stroke-width="1.5"/><text x="${(x + 10).toFixed(1)}" y="${(y + 4).toFixed(1)}" class="halo" fill="#7B3294" font-weight="bold" font-size="13">${i + 1}</text><title>${esc(`${i + 1}. ${s.label}: ${s.detail}`)}</title></g>`,
    );
  });
  // North arrow, top right: the frame is north-up.
  const nx = frame.width - 34;
  out.push(
    `<g class="north" transform="translate(${nx} 18)"><path d="M0,0 L9,26 L0,20 L-9,26 Z" fill="#222"/><text x="0" y="40" text-anchor="middle" font-size="13" font-weight="bold" class="halo">${esc(north)}</text></g>`,
  );
  // Scale bar: a round number of km near a fifth of the width, halved in black and white.
  const target = (frame.width / 5) * frame.kmPerPx;
  const steps = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
  const km = steps.find((x) => x >= target / 1.6) ?? 1000;
  const len = km / frame.kmPerPx;
  const y0 = frame.height - 22;
  out.push(
    `<g class="scale" font-size="12"><rect x="16" y="${y0}" width="${(len / 2).toFixed(1)}" height="6" fill="#222"/><rect x="${(16 + len / 2).toFixed(1)}" y="${y0}" width="${(len / 2).toFixed(1)}" height="6" fill="#fff" stroke="#222"/><text x="16" y="${y0 - 5}" class="halo">0</text><text x="${(16 + len).toFixed(1)}" y="${y0 - 5}" text-anchor="middle" class="halo">${km} ${esc(kmWord)}</text></g>`,
  );
  if (credit)
    out.push(
      `<text x="${frame.width - 8}" y="${frame.height - 8}" text-anchor="end" font-size="11" fill="#444" class="halo">${esc(credit)}</text>`,
    );
  return out.join('');
}
