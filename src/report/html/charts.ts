import { esc, type NumberFormat } from './format';
import { measureOf, type RunView, STATUS_FILL } from './runs';
import type { reportStrings } from './strings';

type T = ReturnType<typeof reportStrings>;

/** Okabe–Ito plus black, then repeated with dashes: up to 24 lines stay apart. */
const LINE_COLORS = [
  '#000000',
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
];
const DASHES = ['', '6 3', '2 2'];
const CW = 520;
const CH = 260;
const M = { l: 46, r: 12, t: 12, b: 34 };

/** A round step near `span / n` (1, 2 or 5 times a power of ten). */
function niceStep(span: number, n: number): number {
  const raw = span / n;
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

/** The x range: the threshold with room past it, or far enough for nearly every reached village. */
function xRange(values: Float64Array, limit: number): number {
  const sorted = Float64Array.from(values).sort();
  const p98 = sorted.length ? sorted[Math.floor(0.98 * (sorted.length - 1))] : 0;
  const upper = Math.min(Math.max(limit * 1.25, p98), limit * 4);
  const step = niceStep(upper, 6);
  return Math.ceil(upper / step) * step;
}

/** Grid, ticks and labels; `iw` is the width the x range spans. */
function axes(
  xmax: number,
  iw: number,
  xUnit: string,
  yLabel: string,
  ymax: number,
  yFmt: (y: number) => string,
  fmt: NumberFormat,
): string {
  const ih = CH - M.t - M.b;
  const out: string[] = [`<g class="axis" font-size="10" fill="#333">`];
  const xs = niceStep(xmax, 6);
  for (let x = 0; x <= xmax + 1e-9; x += xs) {
    const px = M.l + (x / xmax) * iw;
    out.push(
      `<line x1="${px.toFixed(1)}" x2="${px.toFixed(1)}" y1="${M.t}" y2="${M.t + ih}" stroke="#eee"/><text x="${px.toFixed(1)}" y="${M.t + ih + 13}" text-anchor="middle">${fmt.int(x)}</text>`,
    );
  }
  out.push(`<text x="${M.l + iw / 2}" y="${CH - 4}" text-anchor="middle">${esc(xUnit)}</text>`);
  const ys = niceStep(ymax, 4);
  for (let y = 0; y <= ymax + 1e-9; y += ys) {
    const py = M.t + ih - (y / ymax) * ih;
    out.push(
      `<line x1="${M.l}" x2="${M.l + iw}" y1="${py.toFixed(1)}" y2="${py.toFixed(1)}" stroke="#eee"/><text x="${M.l - 4}" y="${(py + 3).toFixed(1)}" text-anchor="end">${yFmt(y)}</text>`,
    );
  }
  out.push(
    `<text transform="translate(10 ${M.t + ih / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`,
  );
  out.push(
    `<line x1="${M.l}" x2="${M.l + iw}" y1="${M.t + ih}" y2="${M.t + ih}" stroke="#333"/><line x1="${M.l}" x2="${M.l}" y1="${M.t}" y2="${M.t + ih}" stroke="#333"/></g>`,
  );
  return out.join('');
}

function thresholdLine(x: number, xmax: number, label: string): string {
  const px = M.l + (x / xmax) * (CW - M.l - M.r);
  return `<line class="limit" x1="${px.toFixed(1)}" x2="${px.toFixed(1)}" y1="${M.t}" y2="${CH - M.b}" stroke="#222" stroke-width="1.5" stroke-dasharray="5 3"/><text x="${(px + 3).toFixed(1)}" y="${M.t + 10}" font-size="10" font-weight="bold">${esc(label)}</text>`;
}

/**
 * Two inline SVG charts of one run: the cumulative share of (known) population by travel time or
 * distance, one line per township and one for all villages; and how many villages fall in each
 * band of time or distance, bars before the threshold in the "covered" colour, after it in the
 * "outside" one, unreached villages in a bar of their own. Distances are drawn in kilometres.
 *
 * @param v - The run.
 * @param t - Report strings.
 * @param fmt - Number formats.
 * @returns Two `<figure>` elements.
 *
 * @example
 * runCharts(view, t, fmt);
 */
export function runCharts(v: RunView, t: T, fmt: NumberFormat): string {
  const rows = v.result.villages;
  const scale = v.timed ? 1 : 1 / 1000;
  const unit = v.timed ? t('minutes') : t('km');
  const limit = v.limit * scale;
  const finite: number[] = [];
  for (const r of rows) {
    const m = measureOf(r, v.timed);
    if (m !== null) finite.push(m * scale);
  }
  const xmax = xRange(Float64Array.from(finite), limit);
  const measure = v.timed ? t('travelTime') : t('distance');
  const limitLabel = `${fmt.int(limit)} ${unit}`;
  const iw = CW - M.l - M.r;
  const ih = CH - M.t - M.b;

  // Cumulative population share, sampled at 120 steps across the x range.
  const groups = new Map<string, { value: number; pop: number }[]>();
  const all: { value: number; pop: number }[] = [];
  for (const r of rows) {
    if (r.population === null) continue;
    const m = measureOf(r, v.timed);
    const item = { value: m === null ? Infinity : m * scale, pop: r.population };
    all.push(item);
    if (r.group !== null) {
      let g = groups.get(r.group);
      if (!g) {
        g = [];
        groups.set(r.group, g);
      }
      g.push(item);
    }
  }
  const curve = (items: { value: number; pop: number }[]) => {
    const sorted = items.slice().sort((a, b) => a.value - b.value);
    let total = 0;
    for (const it of sorted) total += it.pop;
    if (total <= 0) return '';
    const pts: string[] = [];
    let acc = 0;
    let j = 0;
    const steps = 120;
    for (let s = 0; s <= steps; s++) {
      const x = (s / steps) * xmax;
      while (j < sorted.length && sorted[j].value <= x) acc += sorted[j++].pop;
      pts.push(
        `${(M.l + (x / xmax) * iw).toFixed(1)},${(M.t + ih - (acc / total) * ih).toFixed(1)}`,
      );
    }
    return pts.join(' ');
  };
  const names = [...groups.keys()].sort((a, b) => a.localeCompare(b));
  const many = names.length > 12;
  const lines: string[] = [];
  const legend: string[] = [];
  names.forEach((g, i) => {
    const pts = curve(groups.get(g) ?? []);
    if (!pts) return;
    const color = many ? '#bbbbbb' : LINE_COLORS[(i + 1) % LINE_COLORS.length];
    const dash = many ? '' : DASHES[Math.floor((i + 1) / LINE_COLORS.length) % DASHES.length];
    lines.push(
      `<polyline points="${pts}" fill="none" stroke="${color}" stroke-width="1.4"${dash ? ` stroke-dasharray="${dash}"` : ''}><title>${esc(g)}</title></polyline>`,
    );
    if (!many)
      legend.push(
        `<span><svg width="18" height="8"><line x1="0" x2="18" y1="4" y2="4" stroke="${color}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/></svg>${esc(g)}</span>`,
      );
  });
  const allPts = curve(all);
  if (allPts)
    lines.push(
      `<polyline points="${allPts}" fill="none" stroke="#000" stroke-width="2.6"><title>${esc(t('allVillages'))}</title></polyline>`,
    );
  legend.unshift(
    `<span><svg width="18" height="8"><line x1="0" x2="18" y1="4" y2="4" stroke="#000" stroke-width="3"/></svg>${esc(t('allVillages'))}</span>`,
  );
  if (many)
    legend.push(
      `<span><svg width="18" height="8"><line x1="0" x2="18" y1="4" y2="4" stroke="#bbb" stroke-width="2"/></svg>${esc(t('township'))} (${names.length})</span>`,
    );
  const cumulative = `<figure class="chart"><figcaption>${esc(t('cumulativeChart', { measure }))}</figcaption><svg viewBox="0 0 ${CW} ${CH}" width="${CW}" height="${CH}" role="img">${axes(xmax, iw, unit, `${t('population')} (%)`, 1, (y) => `${Math.round(y * 100)}`, fmt)}${lines.join('')}${thresholdLine(limit, xmax, limitLabel)}</svg><div class="chart-legend">${legend.join('')}</div></figure>`;

  // Histogram of villages by value, with the unreached in a bar of their own.
  const bin = niceStep(xmax, 24);
  const bins = Math.ceil(xmax / bin);
  const counts = new Array<number>(bins + 1).fill(0);
  let unreached = 0;
  for (const r of rows) {
    const m = measureOf(r, v.timed);
    if (m === null) {
      if (r.status !== 'off-network') unreached++;
      continue;
    }
    counts[Math.min(bins, Math.floor((m * scale) / bin))]++;
  }
  let ymax = unreached;
  for (const c of counts) if (c > ymax) ymax = c;
  ymax = Math.max(1, ymax);
  const ystep = niceStep(ymax, 4);
  ymax = Math.ceil(ymax / ystep) * ystep;
  const hw = CW - M.l - M.r - 64; // room on the right for the "none reached" bar
  const bars: string[] = [];
  for (let b = 0; b <= bins; b++) {
    if (!counts[b]) continue;
    const x0 = M.l + ((b * bin) / xmax) * hw;
    const w = Math.max(1, (bin / xmax) * hw - 1);
    const h = (counts[b] / ymax) * ih;
    const over = (b + 1) * bin > limit + 1e-9;
    const color = over ? STATUS_FILL.outside : STATUS_FILL.covered;
    const range =
      b === bins ? `≥ ${fmt.int(b * bin)}` : `${fmt.int(b * bin)}–${fmt.int((b + 1) * bin)}`;
    bars.push(
      `<rect x="${x0.toFixed(1)}" y="${(M.t + ih - h).toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="${color}"><title>${range} ${esc(unit)}: ${fmt.int(counts[b])} ${esc(t('villages'))}</title></rect>`,
    );
  }
  if (unreached) {
    const h = (unreached / ymax) * ih;
    bars.push(
      `<rect x="${CW - M.r - 24}" y="${(M.t + ih - h).toFixed(1)}" width="22" height="${h.toFixed(1)}" fill="${STATUS_FILL.unreachable}"><title>${esc(t('beyond'))}: ${fmt.int(unreached)}</title></rect><text x="${CW - M.r - 13}" y="${CH - M.b + 24}" font-size="9" text-anchor="middle">${esc(t('beyond'))}</text>`,
    );
  }
  const axesH = axes(xmax, hw, unit, t('villages'), ymax, (y) => fmt.int(y), fmt);
  const limitPx = M.l + (limit / xmax) * hw;
  const histogram = `<figure class="chart"><figcaption>${esc(t('histogramChart', { measure }))}</figcaption><svg viewBox="0 0 ${CW} ${CH}" width="${CW}" height="${CH}" role="img">${axesH}${bars.join('')}<line class="limit" x1="${limitPx.toFixed(1)}" x2="${limitPx.toFixed(1)}" y1="${M.t}" y2="${CH - M.b}" stroke="#222" stroke-width="1.5" stroke-dasharray="5 3"/><text x="${(limitPx + 3).toFixed(1)}" y="${M.t + 10}" font-size="10" font-weight="bold">${esc(limitLabel)}</text></svg></figure>`;
  return cumulative + histogram;
}
