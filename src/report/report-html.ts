import type { FeatureCollection, MultiPolygon } from 'geojson';
import type { CoverageResult } from '../analysis/coverage';
import type { IsochroneBand } from '../analysis/isochrone';
import { facilityCategories } from '../points/facility-categories';
import { RoadNetwork } from '../network/road-network';
import type { IndexedPoint } from '../points/indexed-point';
import { bandFill, bandGroups, bandSetFor, type ReportBandSet } from './html/bands';
import { runCharts } from './html/charts';
import { CLIENT_SCRIPT } from './html/client-script';
import { esc, numberFormat } from './html/format';
import { fitFrame, LonLatBox } from './html/frame';
import { overlayMarkup, type ReportSite } from './html/overlay';
import { encodeRoads } from './html/road-layer';
import { villageRoutes } from './html/routes';
import { forEachRoad, type ReportRoads } from './html/road-source';
import { measureOf, runViews, STATUS_FILL, STATUS_ORDER } from './html/runs';
import { type ReportLang, reportStrings, type StringKey, standardTitle } from './html/strings';
import { styleSwatches } from './html/swatches';
import { label, ROAD_CLASS_ZH } from './lang';
import { coverageWarningsZh } from './coverage-reason-zh';
import { reportCss } from './html/styles';
import { type ReportTours, toursSection } from './html/tours-section';
import {
  headline,
  limitLabel,
  modeLabel,
  notCoveredTable,
  overviewTable,
  type TableContext,
  townshipTable,
  urbanTable,
} from './html/tables';

export type { ReportBandSet } from './html/bands';
export type { ReportLang } from './html/strings';
export type { ReportTours } from './html/tours-section';

/** What one report shows. */
export interface ReportInput {
  title: string;
  /** A line under the title: where the data comes from, when, what is synthetic. */
  subtitle?: string;
  /**
   * The roads: GeoJSON lines with a `highway` class, or the `RoadNetwork` itself (read from its
   * typed arrays; no GeoJSON copy of a million links).
   */
  roads: ReportRoads;
  facilities: readonly IndexedPoint[];
  /**
   * Coverage runs of one village list, e.g. one per standard and mode; the page opens on the
   * first and switches between them.
   */
  coverage: readonly CoverageResult[];
  /** The villages as given to `coverage`: their `name` (or `name:zh` in Chinese) labels the map. */
  villages?: readonly IndexedPoint[];
  /** Isochrone bands shown with every run (see `bandSets` for bands per standard). */
  isochrones?: FeatureCollection<MultiPolygon, IsochroneBand>;
  isochroneLabel?: string;
  /** Isochrone bands by standard: each run shows the set naming its standard, else one naming none. */
  bandSets?: readonly ReportBandSet[];
  /** Add "© OpenStreetMap contributors" (ODbL) when the data came from OSM. */
  osmAttribution?: boolean;
  /** Suggested new sites, in pick order, with what each adds. */
  sites?: ReportSite[];
  sitesTitle?: string;
  /** Mobile-service tours for the villages the fixed sites leave out, shown after the sites. */
  tours?: ReportTours;
  /** Language of every string on the page (default `en`). */
  lang?: ReportLang;
  /** Paper the print stylesheet lays the page out on, landscape (default `A4`). */
  paper?: 'A4' | 'A3';
  /** Most villages listed in each "not covered" table (default 100; outside.csv has them all). */
  maxListed?: number;
  /**
   * Village property saying urban or rural (default `urban`): with 2–6 distinct values among
   * `villages`, each run gets a table of shares by it.
   */
  urbanField?: string;
  /**
   * Networks by profile name (`walk`, `car`…) for drawing each village's way to its facility
   * on click; a `roads` network serves the runs of its own profile. Without one, or past
   * `maxRouteVillages` villages (default 3,000: the ways would outweigh the map), the click draws
   * a straight line and says so.
   */
  networks?: Readonly<Record<string, RoadNetwork>>;
  maxRouteVillages?: number;
  /**
   * Most villages drawn on the map (default 50,000, a page of ~5 MB): above it the map draws every
   * k-th village and a note under it says so; the figures, tables and charts count them all.
   */
  maxMapVillages?: number;
}

const FRAME_WIDTH = 1000;

/**
 * One self-contained HTML page (no scripts, fonts or tiles fetched; opens offline, prints on A4
 * or A3 landscape): a map — roads by class simplified to the map's scale and drawn on a canvas
 * from compact embedded data, isochrone bands, facilities, villages coloured and shaped by
 * status (colour-blind-safe), township labels, north arrow and scale bar — with a switch between
 * the coverage runs (standard, and walk/car where both were run) that recolours the villages and
 * swaps the bands, the headline ("X% of villages and Y% of the population within 15 min on
 * foot"), the per-township table, the charts (cumulative population by travel time per township;
 * villages by travel time against the threshold) and the list of villages not covered.
 * Hovering or tapping a village shows its name, status, time or distance, nearest facility and
 * population; clicking it draws the way to that facility. Stays a few MB for 10,000 villages on
 * a million-node network.
 *
 * @param input - Title, roads (GeoJSON or a network), facilities, coverage runs (the first is
 *   shown first), villages (for names), optional isochrone bands, suggested sites, `lang`, `paper`.
 * @returns The whole page as one string.
 *
 * @example
 * writeFileSync('report.html', reportHtml({ title: 'Yong county', roads: net, facilities, coverage: [r], villages }));
 */
export function reportHtml(input: ReportInput): string {
  const lang: ReportLang = input.lang ?? 'en';
  const t = reportStrings(lang);
  const fmt = numberFormat(lang);
  const views = runViews(input.coverage);
  const rows0 = views[0].result.villages;

  // Frame: everything drawn, found by one pass over the roads (nothing collected or spread).
  const box = new LonLatBox();
  forEachRoad(input.roads, (_c, ll, n) => {
    for (let i = 0; i < n; i++) box.add(ll[2 * i], ll[2 * i + 1]);
  });
  for (const v of rows0) box.add(v.lon, v.lat);
  for (const f of input.facilities) box.add(f.lon, f.lat);
  const frame = fitFrame(box, FRAME_WIDTH, 24);
  const roads = encodeRoads(input.roads, frame);

  // Villages: positions and radii in tenths of a report pixel, names, population, township.
  const total = rows0.length;
  // Above maxMapVillages the map draws every `every`-th village: drawn village j is village j × every.
  const every = Math.max(1, Math.ceil(total / Math.max(1, input.maxMapVillages ?? 50_000)));
  const n = Math.ceil(total / every);
  const shrink = n > 2000 ? 0.55 : n > 500 ? 0.8 : 1;
  const groupIndex = new Map<string, number>();
  const V = {
    x: new Array<number>(n),
    y: new Array<number>(n),
    r: new Array<number>(n),
    name: new Array<string>(n),
    pop: new Array<number>(n),
    grp: new Array<number>(n),
    groups: [] as string[],
  };
  const villageName = (i: number) => {
    const p = input.villages?.[i]?.properties;
    const name = (lang === 'zh' ? (p?.['name:zh'] ?? p?.name) : p?.name) ?? rows0[i].id;
    return String(name);
  };
  for (let i = 0; i < n; i++) {
    const v = rows0[i * every];
    V.x[i] = Math.round(frame.x(v.lon) * 10);
    V.y[i] = Math.round(frame.y(v.lat) * 10);
    const r = v.population === null ? 2.2 : Math.min(8, 1.8 + Math.sqrt(v.population) / 14);
    V.r[i] = Math.round(r * shrink * 10);
    V.name[i] = villageName(i * every);
    V.pop[i] = v.population ?? -1;
    let g = -1;
    if (v.group !== null) {
      g = groupIndex.get(v.group) ?? -1;
      if (g < 0) {
        g = V.groups.length;
        groupIndex.set(v.group, g);
        V.groups.push(v.group);
      }
    }
    V.grp[i] = g;
  }

  // Facilities: by id for the tooltips and routes; each run marks those of its kinds.
  const facById = new Map<string, number>();
  const F = { x: [] as number[], y: [] as number[], name: [] as string[] };
  const cats = input.facilities.map(facilityCategories);
  input.facilities.forEach((f, i) => {
    facById.set(String(f.id ?? i), i);
    F.x.push(Math.round(frame.x(f.lon) * 10));
    F.y.push(Math.round(frame.y(f.lat) * 10));
    F.name.push(String(f.properties?.name ?? f.id ?? i));
  });
  const facilityName = (id: string | number | null) => {
    if (id === null) return '—';
    const i = facById.get(String(id));
    return i === undefined ? String(id) : F.name[i];
  };

  const bandSets: ReportBandSet[] = [
    ...(input.isochrones
      ? [{ label: input.isochroneLabel ?? t('bands'), bands: input.isochrones }]
      : []),
    ...(input.bandSets ?? []),
  ];
  const ctx: TableContext = {
    t,
    fmt,
    lang,
    villageName,
    facilityName,
    maxListed: input.maxListed ?? 100,
  };
  const runs = views.map((v) => {
    const s = v.result.standard;
    const val = new Array<number>(n);
    const fac = new Array<number>(n);
    const codes: string[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const row = v.result.villages[i * every];
      codes[i] = String(STATUS_ORDER.indexOf(row.status));
      const m = measureOf(row, v.timed);
      val[i] = m === null ? -1 : v.timed ? Math.round(m * 10) : Math.round(m);
      fac[i] = row.facility === null ? -1 : (facById.get(String(row.facility)) ?? -1);
    }
    const status = codes.join('');
    const facs: number[] = [];
    cats.forEach((c, i) => {
      if (s.categories.length === 0 || c.some((x) => s.categories.includes(x))) facs.push(i);
    });
    const title = standardTitle(s, lang);
    const limit = limitLabel(v, ctx);
    const mode = modeLabel(t, s.profile);
    return {
      std: s.id,
      title,
      // The run's heading, for the section and the selector's caption alike.
      heading: `${title} — ${limit}${lang === 'zh' ? '，' : ', '}${mode}`,
      profile: s.profile,
      mode,
      timed: v.timed,
      limit,
      status,
      val,
      fac,
      facs,
      band: bandSetFor(bandSets, s.id),
    };
  });
  const strings: Partial<Record<StringKey, string>> = {};
  for (const k of [
    'covered',
    'outside',
    'unreachable',
    'off-network',
    'township',
    'status',
    'travelTime',
    'distance',
    'nearestFacility',
    'population',
    'populationUnknown',
    'minutes',
    'meters',
    'beyond',
    'routeStraight',
  ] as const)
    strings[k] = t(k);
  const data = {
    frame: { w: frame.width, h: frame.height },
    locale: lang === 'zh' ? 'zh-CN' : 'en-US',
    s: strings,
    colors: STATUS_FILL,
    roads: {
      unit: roads.unit,
      classes: roads.classes.map((c) => ({
        color: c.color,
        width: c.width,
        dash: c.dash,
        data: c.data,
      })),
    },
    v: V,
    f: F,
    runs,
    routes: views.map((v) => {
      const profile = v.result.standard.profile;
      const net =
        input.networks?.[profile] ??
        (input.roads instanceof RoadNetwork && input.roads.meta.profile === profile
          ? input.roads
          : undefined);
      return net && every === 1 && total <= (input.maxRouteVillages ?? 3000)
        ? villageRoutes(net, v.result, input.facilities, frame)
        : null;
    }),
  };

  // Standards in the order first met, for the switch.
  const stdOptions: string[] = [];
  const seenStd = new Set<string>();
  for (const r of runs)
    if (!seenStd.has(r.std)) {
      seenStd.add(r.std);
      stdOptions.push(`<option value="${esc(r.std)}">${esc(r.title)}</option>`);
    }
  const credit = input.osmAttribution ? t('osmShort') : '';
  const swatch = styleSwatches();
  const legendStatus = STATUS_ORDER.map((s) => `<span>${swatch.status(s)}${t(s)}</span>`).join('');
  const legendRoads = roads.classes
    .slice()
    .reverse()
    .map(
      (c) =>
        `<span>${swatch.road(c.color, c.width, c.dash)}${esc(label(lang, ROAD_CLASS_ZH, c.name))}</span>`,
    )
    .join('');
  const legendBands = bandSets
    .map((set, k) => {
      const mins = set.bands.features.map((f) => f.properties.minutes).sort((a, b) => b - a);
      const items = mins
        .map(
          (m, i) =>
            `<span>${swatch.box(bandFill(i, mins.length))}≤ ${fmt.int(m)} ${t('minutes')}</span>`,
        )
        .join('');
      return `<div class="legend legend-band" data-band="${k}" hidden><b>${esc(set.label)}</b>${items}</div>`;
    })
    .join('');
  const sites = input.sites ?? [];
  const urbanField = input.urbanField ?? 'urban';
  const urbanOf = (i: number) => {
    const x = input.villages?.[i]?.properties?.[urbanField];
    return x === undefined || x === null || x === '' ? null : String(x);
  };
  const urbanValues = new Set<string>();
  for (let i = 0; i < total && urbanValues.size <= 6; i++) {
    const u = urbanOf(i);
    if (u !== null) urbanValues.add(u);
  }
  const byUrban = urbanValues.size >= 2 && urbanValues.size <= 6;
  const sections = views.map((v, i) => {
    const groups = v.result.summary.groups ? townshipTable(v, ctx) : '';
    return `<section class="run" data-run="${i}"${i === 0 ? '' : ' hidden'}>
<h2>${esc(runs[i].heading)}</h2>
${headline(v, v.result.summary.all, ctx)}
${(lang === 'zh' ? coverageWarningsZh(v.result) : v.result.warnings).map((w) => `<p class="note">⚠ ${esc(w)}</p>`).join('')}
${groups ? `<h3>${t('byTownship')}</h3>${groups}` : ''}
${byUrban ? `<h3>${esc(t('byUrban', { field: urbanField }))}</h3>${urbanTable(v, urbanOf, ctx)}` : ''}
<div class="charts">${runCharts(v, t, fmt)}</div>
${notCoveredTable(v, ctx)}
</section>`;
  });
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  const roadNote =
    lang === 'zh'
      ? `道路节点 ${fmt.int(roads.inputVertices)} → 绘制 ${fmt.int(roads.drawnVertices)} 个（按 ${roads.unit} 像素简化）`
      : `${fmt.int(roads.inputVertices)} → ${fmt.int(roads.drawnVertices)} road vertices drawn (simplified at ${roads.unit} px)`;
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(input.title)}</title>
<style>${reportCss(input.paper ?? 'A4', frame.height / frame.width)}</style></head>
<body data-run="0">
<h1>${esc(input.title)}</h1>
<p class="sub">${esc(input.subtitle ?? '')}</p>
<div class="controls"><label>${t('standard')}: <select id="sr-standard">${stdOptions.join('')}</select></label><span id="sr-mode" hidden></span><span id="sr-run-title"></span></div>
<div class="sr-map" id="sr-map">
<svg viewBox="0 0 ${frame.width} ${frame.height}" preserveAspectRatio="none" aria-hidden="true">${bandGroups(bandSets, frame, fmt, t('minutes'))}</svg>
<canvas id="sr-roads"></canvas>
<canvas id="sr-villages"></canvas>
<svg class="top" viewBox="0 0 ${frame.width} ${frame.height}" preserveAspectRatio="none" role="img" aria-label="map" font-family="system-ui,sans-serif">${overlayMarkup(frame, rows0, sites, credit, t('north'), t('km'))}<polyline id="sr-route" points="" fill="none" stroke="#7B3294" stroke-width="3" stroke-linecap="round"/></svg>
<div id="sr-tip" hidden></div>
</div>
<p id="sr-route-note" class="no-print">${esc(t('tooltipHint'))}</p>
<div class="legend"><b>${t('statusLegend')}</b>${legendStatus}<span>${swatch.facility()}${t('facilities')}</span>${every > 1 ? `<span class="note">${esc(t('mapSample', { shown: fmt.int(n), total: fmt.int(total), every: fmt.int(every) }))}</span>` : ''}</div>
<div class="legend"><b>${t('roads')}</b>${legendRoads}<span class="note">${esc(roadNote)}</span></div>
${legendBands}
${sites.length ? `<div class="legend"><span>${swatch.site()}${esc(input.sitesTitle ?? t('sites'))} (${t('sitesNote')})</span></div>` : ''}
<h2>${t('allStandards')}</h2>
${overviewTable(views, ctx)}
${sections.join('\n')}
${sites.length ? `<h2>${esc(input.sitesTitle ?? t('sites'))}</h2><table><tr><th>#</th><th>${t('village')}</th><th></th></tr>\n${sites.map((x, i) => `<tr><td>${i + 1}</td><td>${esc(x.label)}</td><td>${esc(x.detail)}</td></tr>`).join('\n')}</table>` : ''}
${input.tours ? toursSection(input.tours, t, fmt) : ''}
<p class="sub">${t('madeWith')}${input.osmAttribution ? ` ${t('osm')}` : ''}</p>
<script type="application/json" id="sr-data">${json}</script>
<script>${CLIENT_SCRIPT}</script>
</body></html>
`;
}
