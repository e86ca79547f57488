import { geoPath, geoTransform } from 'd3-geo';
import type { FeatureCollection, Geometry, LineString, MultiPolygon } from 'geojson';
import type { CoverageResult, CoverageStatus } from '../analysis/coverage';
import { standardThreshold } from '../analysis/coverage-summary';
import type { IsochroneBand } from '../analysis/isochrone';
import { maxOf, minOf } from '../geo/min-max';
import type { IndexedPoint } from '../points/indexed-point';

/** What one report shows. */
export interface ReportInput {
  title: string;
  /** A line under the title: where the data comes from, when, what is synthetic. */
  subtitle?: string;
  roads: FeatureCollection<LineString>;
  facilities: readonly IndexedPoint[];
  /** The coverage the map colours villages by (the first), and every one for the tables. */
  coverage: readonly CoverageResult[];
  isochrones?: FeatureCollection<MultiPolygon, IsochroneBand>;
  isochroneLabel?: string;
  /** Add "© OpenStreetMap contributors" (ODbL) when the data came from OSM. */
  osmAttribution?: boolean;
  /** Suggested new sites, in pick order, with what each adds. */
  sites?: { lon: number; lat: number; label: string; detail: string }[];
  sitesTitle?: string;
}

const ROAD_STYLE: Record<string, [string, number]> = {
  motorway: ['#e07b39', 3],
  trunk: ['#e07b39', 2.6],
  primary: ['#e8a33d', 2.4],
  secondary: ['#c9a227', 1.8],
  tertiary: ['#8c8c8c', 1.4],
  residential: ['#9e9e9e', 0.9],
  unclassified: ['#7a7a7a', 1],
  track: ['#8b5a2b', 0.9],
  path: ['#5b8c3a', 0.7],
  footway: ['#5b8c3a', 0.7],
};
const STATUS_STYLE: Record<CoverageStatus, string> = {
  covered: '#1a9641',
  outside: '#f4a340',
  unreachable: '#d7191c',
  'off-network': '#7f7f7f',
};
const W = 960;
const H = 720;

/**
 * One self-contained HTML file (no scripts, fonts or tiles fetched): an SVG map drawn with d3-geo
 * — isochrone bands, roads by class, facilities, villages coloured by coverage status with the
 * uncovered ones ringed, a scale bar and a legend — and the summary tables of every coverage run
 * and the villages not covered. Opens offline in any browser; prints well. The standards table
 * gives the population-weighted mean travel time (min) and network distance (m) of each run.
 *
 * @param input - Title, roads, facilities, coverage runs (the first colours the map), optional
 *   isochrone bands and suggested sites.
 * @returns The whole page as one string.
 *
 * @example
 * writeFileSync('report.html', reportHtml({ title: 'Yong county', roads, facilities, coverage: [r] }));
 */
export function reportHtml(input: ReportInput): string {
  const main = input.coverage[0];
  // Planar equirectangular at the data's mid-latitude, fitted to the frame: d3-geo's geoTransform
  // keeps polygons planar, so ring orientation cannot turn a band into "the whole globe".
  const lons: number[] = [];
  const lats: number[] = [];
  for (const f of input.roads.features) {
    for (const [x, y] of f.geometry.coordinates) {
      lons.push(x);
      lats.push(y);
    }
  }
  for (const v of main?.villages ?? []) {
    lons.push(v.lon);
    lats.push(v.lat);
  }
  const [minLon, maxLon, minLat, maxLat] = [minOf(lons), maxOf(lons), minOf(lats), maxOf(lats)];
  const cos = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const pad = 30;
  const k = Math.min(
    (W - 2 * pad) / ((maxLon - minLon) * cos || 1),
    (H - 2 * pad - 40) / (maxLat - minLat || 1),
  );
  const px = (lon: number) => pad + (lon - minLon) * cos * k;
  const py = (lat: number) => H - pad - 40 - (lat - minLat) * k;
  const projection = geoTransform({
    point(x, y) {
      this.stream.point(px(x), py(y));
    },
  });
  const path = geoPath(projection);
  const d = (g: Geometry) => path(g as Parameters<typeof path>[0]) ?? '';

  const svg: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="map">`,
    `<rect width="${W}" height="${H}" fill="#f7f5ef"/>`,
  ];
  if (input.isochrones) {
    svg.push('<g class="isochrones">');
    for (const f of input.isochrones.features)
      svg.push(
        `<path d="${d(f.geometry)}" fill="${f.properties.fill}" fill-opacity="0.28" fill-rule="evenodd" stroke="${f.properties.fill}" stroke-width="0.8"><title>${esc(`${input.isochroneLabel ?? 'isochrone'}: ${f.properties.minutes} min, ${f.properties.areaKm2} km²`)}</title></path>`,
      );
    svg.push('</g>');
  }
  svg.push('<g class="roads" fill="none" stroke-linecap="round" stroke-linejoin="round">');
  const order = (c: string) => -(ROAD_STYLE[c]?.[1] ?? 0.8);
  const roads = [...input.roads.features].sort(
    (a, b) => order(String(b.properties?.highway)) - order(String(a.properties?.highway)),
  );
  for (const f of roads) {
    const cls = String(f.properties?.highway ?? 'road');
    const [color, width] = ROAD_STYLE[cls] ?? ['#9e9e9e', 0.8];
    svg.push(
      `<path d="${d(f.geometry)}" stroke="${color}" stroke-width="${width}"${cls === 'path' || cls === 'footway' ? ' stroke-dasharray="3 2"' : ''}/>`,
    );
  }
  svg.push('</g><g class="villages">');
  for (const v of main?.villages ?? []) {
    const x = px(v.lon).toFixed(1);
    const y = py(v.lat).toFixed(1);
    const r = (2 + Math.sqrt(v.population ?? 100) / 12).toFixed(1);
    const tip = esc(
      `${v.id}: ${v.status} — ${v.reason}${v.population !== null ? ` (population ${v.population})` : ''}`,
    );
    const ring = v.status === 'covered' ? '' : ` stroke="#000" stroke-width="1.4"`;
    svg.push(
      `<circle class="village ${v.status}" cx="${x}" cy="${y}" r="${r}" fill="${STATUS_STYLE[v.status]}" fill-opacity="0.85"${ring}><title>${tip}</title></circle>`,
    );
  }
  // Facilities on top: they sit within metres of the villages they serve.
  svg.push('</g><g class="facilities">');
  for (const f of input.facilities) {
    const x = px(f.lon);
    const y = py(f.lat);
    svg.push(
      `<rect x="${(x - 2.5).toFixed(1)}" y="${(y - 2.5).toFixed(1)}" width="5" height="5" fill="#2b6cb0" stroke="#fff" stroke-width="0.6" fill-opacity="0.9"><title>${esc(`${f.properties?.name ?? f.id} (${f.category ?? ''})`)}</title></rect>`,
    );
  }
  svg.push('</g>');
  if (input.sites?.length) {
    svg.push('<g class="sites" font-family="sans-serif" font-size="11" font-weight="bold">');
    input.sites.forEach((site, i) => {
      const x = px(site.lon);
      const y = py(site.lat);
      svg.push(
        `<path d="M${x.toFixed(1)},${(y - 8).toFixed(1)}l7,8l-7,8l-7,-8z" fill="#7b3294" stroke="#fff" stroke-width="1.2"><title>${esc(`${i + 1}. ${site.label}: ${site.detail}`)}</title></path><text x="${(x + 9).toFixed(1)}" y="${(y + 4).toFixed(1)}" fill="#7b3294">${i + 1}</text>`,
      );
    });
    svg.push('</g>');
  }
  // Scale bar: a round number of km near a fifth of the width.
  const kmPerPx = 111.195 / k; // k is pixels per degree of latitude
  const target = (W / 5) * kmPerPx;
  const km = [0.5, 1, 2, 5, 10, 20, 50, 100, 200].find((x) => x >= target / 2) ?? 200;
  const len = km / kmPerPx;
  svg.push(
    `<g class="scale" font-family="sans-serif" font-size="12"><rect x="${pad}" y="${H - 28}" width="${len.toFixed(1)}" height="5" fill="#333"/><text x="${pad}" y="${H - 33}">${km} km</text></g>`,
  );
  svg.push(
    `<text x="${W - pad}" y="${H - 12}" text-anchor="end" font-family="sans-serif" font-size="11" fill="#555">${input.osmAttribution ? '© OpenStreetMap contributors (ODbL)' : esc(input.subtitle ?? '')}</text>`,
  );
  svg.push('</svg>');

  const legendStatus = (Object.keys(STATUS_STYLE) as CoverageStatus[])
    .map((s) => `<span><i style="background:${STATUS_STYLE[s]}"></i>${s}</span>`)
    .join('');
  const legendRoads = Object.entries(ROAD_STYLE)
    .filter(([c]) => input.roads.features.some((f) => f.properties?.highway === c))
    .map(([c, [color]]) => `<span><i style="background:${color};height:3px"></i>${c}</span>`)
    .join('');
  const legendBands = input.isochrones
    ? input.isochrones.features
        .map(
          (f) =>
            `<span><i style="background:${f.properties.fill};opacity:.5"></i>${f.properties.minutes} min</span>`,
        )
        .join('')
    : '';

  const pct = (x: number | null | undefined) =>
    x === null || x === undefined ? '—' : `${(100 * x).toFixed(1)}%`;
  const num = (x: number) => Math.round(x).toLocaleString('en-US');
  const standards = input.coverage.map((r) => {
    const s = r.summary.all;
    const t = standardThreshold(s, r.standard);
    const limit =
      r.standard.thresholdMinutes !== undefined
        ? `${r.standard.thresholdMinutes} min`
        : `${r.standard.thresholdMeters} m`;
    const fixed = (x: number | null, digits: number) => (x === null ? '—' : x.toFixed(digits));
    return `<tr><td>${esc(r.standard.id)}</td><td>${esc(r.standard.title)}</td><td>${limit}</td><td>${s.status.covered.villages}</td><td>${s.status.outside.villages}</td><td>${s.status.unreachable.villages}</td><td>${s.status['off-network'].villages}</td><td>${pct(t?.shareOfPopulationWithin)} <small>(population known for ${s.populationKnown.villages} of ${s.populationKnown.ofVillages} villages)</small></td><td>${fixed(s.weightedMeanMinutes, 1)}</td><td>${fixed(s.weightedMeanMeters, 0)}</td></tr>`;
  });
  const groups = main?.summary.groups
    ? Object.entries(main.summary.groups).map(([g, b]) => {
        const t = standardThreshold(b, main.standard);
        return `<tr><td>${esc(g)}</td><td>${b.villages}</td><td>${num(b.population)}</td><td>${t?.within.villages ?? 0}</td><td>${pct(t?.shareOfPopulationWithin)} <small>(population known for ${b.populationKnown.villages} of ${b.populationKnown.ofVillages} villages)</small></td><td>${b.status.outside.villages + b.status.unreachable.villages + b.status['off-network'].villages}</td></tr>`;
      })
    : [];
  const outside = (main?.villages ?? [])
    .filter((v) => v.status !== 'covered')
    .sort((a, b) => (b.population ?? 0) - (a.population ?? 0))
    .map(
      (v) =>
        `<tr><td>${esc(String(v.id))}</td><td>${esc(v.group ?? '')}</td><td>${v.population ?? 'unknown'}</td><td>${v.status}</td><td>${esc(v.reason)}</td></tr>`,
    );

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(input.title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1000px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}.sub{color:#555;margin:0 0 16px}
table{border-collapse:collapse;font-size:13px;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left}th{background:#f0eee8}
.legend{font-size:12px;margin:6px 0}.legend span{margin-right:14px;white-space:nowrap}.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:middle}
svg{border:1px solid #ccc;max-width:100%;height:auto}
</style></head><body>
<h1>${esc(input.title)}</h1>
<p class="sub">${esc(input.subtitle ?? '')}</p>
${svg.join('\n')}
<div class="legend"><b>Villages (${esc(main?.standard.id ?? '')})</b> ${legendStatus} <span>(size: population; black ring: not covered)</span></div>
<div class="legend"><b>Roads</b> ${legendRoads} <span><i style="background:#2b6cb0"></i>facility</span></div>
${legendBands ? `<div class="legend"><b>${esc(input.isochroneLabel ?? 'Isochrones')}</b> ${legendBands}</div>` : ''}
${input.sites?.length ? `<div class="legend"><span><i style="background:#7b3294"></i>${esc(input.sitesTitle ?? 'suggested new sites')} (numbered in pick order)</span></div>` : ''}
<h2>Standards</h2>
<table><tr><th>standard</th><th>definition</th><th>threshold</th><th>covered</th><th>outside</th><th>unreachable</th><th>off-network</th><th>population within</th><th>mean travel time (min)</th><th>mean distance (m)</th></tr>
${standards.join('\n')}</table>
${groups.length ? `<h2>By ${esc('group')} — ${esc(main!.standard.id)}</h2><table><tr><th>group</th><th>villages</th><th>population</th><th>within</th><th>population within</th><th>not covered</th></tr>\n${groups.join('\n')}</table>` : ''}
${input.sites?.length ? `<h2>${esc(input.sitesTitle ?? 'Suggested new sites')}</h2><table><tr><th>#</th><th>site</th><th>adds</th></tr>\n${input.sites.map((x, i) => `<tr><td>${i + 1}</td><td>${esc(x.label)}</td><td>${esc(x.detail)}</td></tr>`).join('\n')}</table>` : ''}
<h2>Villages not covered — ${esc(main?.standard.id ?? '')} (${outside.length})</h2>
<table><tr><th>village</th><th>group</th><th>population</th><th>status</th><th>reason</th></tr>
${outside.join('\n')}</table>
<p class="sub">Made with servicereach.${input.osmAttribution ? ' Map data © OpenStreetMap contributors, ODbL.' : ''}</p>
</body></html>
`;
}

function esc(s: string): string {
  return s.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string,
  );
}
