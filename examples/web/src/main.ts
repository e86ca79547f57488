// The page: draws the county with d3-geo on SVG, sends every search to the worker, and repaints
// only the villages a change touched.
import { geoArea, geoMercator, geoPath } from 'd3-geo';
import type { FeatureCollection } from 'geojson';
import {
  coverageGeoJson,
  facilityCategories,
  type IndexedPoint,
  readPointsFromGeoJson,
  SearchWorker,
  STANDARDS,
  type ServiceStandard,
  type WhatIfSnapshot,
} from 'servicereach';

const SVG_NS = 'http://www.w3.org/2000/svg';
const STATUS_FILL = ['#1a9641', '#f4a340', '#7f7f7f'];
const ROAD_STYLE: Record<string, [string, number]> = {
  primary: ['#c0392b', 3],
  secondary: ['#e67e22', 2.4],
  tertiary: ['#d4ac0d', 2],
  residential: ['#999', 1.4],
  unclassified: ['#aaa', 1.2],
  track: ['#b8a07e', 1],
  path: ['#b8a07e', 0.8],
};

const $ = <T extends Element = HTMLElement>(id: string) =>
  document.getElementById(id) as unknown as T;
const svg = $<SVGSVGElement>('map');
const layer = (name: string) => {
  const g = document.createElementNS(SVG_NS, 'g');
  g.setAttribute('class', name);
  svg.append(g);
  return g;
};
const roadsLayer = layer('roads');
const bandsLayer = layer('bands');
const villagesLayer = layer('villages');
const facilitiesLayer = layer('facilities');

const worker = new SearchWorker(
  new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }),
);
const get = (path: string) =>
  fetch(new URL(path, document.baseURI)).then((r) => {
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
    return r;
  });

const [roads, villagesFc, facilitiesFc, walkBytes, carBytes] = await Promise.all([
  get('county/roads.geojson').then((r) => r.json() as Promise<FeatureCollection>),
  get('county/villages.geojson').then((r) => r.json()),
  get('county/facilities.geojson').then((r) => r.json()),
  get('county/walk.srn').then((r) => r.arrayBuffer()),
  get('county/car.srn').then((r) => r.arrayBuffer()),
]);
// Each network crosses to the worker as one transferred buffer: no copy, no parsing there.
await Promise.all([worker.loadNetwork('walk', walkBytes), worker.loadNetwork('car', carBytes)]);
const villages = readPointsFromGeoJson(villagesFc);
const allFacilities = readPointsFromGeoJson(facilitiesFc);

const { width, height } = svg.getBoundingClientRect();
svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
const projection = geoMercator().fitExtent(
  [
    [16, 16],
    [width - 16, height - 16],
  ],
  roads,
);
const path = geoPath(projection);
for (const f of roads.features) {
  const [stroke, w] = ROAD_STYLE[String(f.properties?.highway)] ?? ['#bbb', 1];
  const p = document.createElementNS(SVG_NS, 'path');
  p.setAttribute('class', 'road');
  p.setAttribute('d', path(f) ?? '');
  p.setAttribute('stroke', stroke);
  p.setAttribute('stroke-width', String(w));
  roadsLayer.append(p);
}
const villageDots = villages.map((v) => {
  const [x, y] = projection([v.lon, v.lat]) as [number, number];
  const c = document.createElementNS(SVG_NS, 'circle');
  const pop = Number(v.properties?.population) || 0;
  c.setAttribute('class', 'village');
  c.setAttribute('cx', String(x));
  c.setAttribute('cy', String(y));
  c.setAttribute('r', String(2 + Math.sqrt(pop) / 25));
  c.setAttribute('fill', '#ccc');
  const title = document.createElementNS(SVG_NS, 'title');
  title.textContent = `${v.properties?.name ?? v.id} (${pop || 'population unknown'})`;
  c.append(title);
  villagesLayer.append(c);
  return c;
});

// ---- the standard, its facilities and the session in the worker ----
const select = $<HTMLSelectElement>('standard');
for (const s of STANDARDS) select.add(new Option(s.title, s.id));
select.value = 'elderly-care-15min';
let standard: ServiceStandard = STANDARDS.find((s) => s.id === select.value) as ServiceStandard;
let facilities: IndexedPoint[] = [];
let added = 0;
const moved = new Set<string>();

// One request at a time; while one runs, only the latest position of a drag waits its turn.
let busy: Promise<unknown> = Promise.resolve();
let queued: (() => Promise<WhatIfSnapshot>) | null = null;
let running = false;
function request(job: () => Promise<WhatIfSnapshot>): void {
  queued = job;
  if (!running) busy = drain();
}
async function drain(): Promise<void> {
  running = true;
  try {
    while (queued) {
      const job = queued;
      queued = null;
      const t0 = performance.now();
      const snap = await job();
      show(snap, performance.now() - t0);
    }
  } catch (e) {
    $('status').textContent = String(e);
  } finally {
    running = false;
  }
}

function show(snap: WhatIfSnapshot, ms: number): void {
  for (const v of snap.changed) villageDots[v].setAttribute('fill', STATUS_FILL[snap.status[v]]);
  const own =
    snap.thresholds.find((t) =>
      standard.thresholdMinutes !== undefined
        ? t.minutes === standard.thresholdMinutes
        : t.meters === standard.thresholdMeters,
    ) ?? snap.thresholds[0];
  $('covered-villages').textContent = String(own.within.villages);
  $('covered-population').textContent = own.within.population.toLocaleString('en');
  $('share').textContent =
    own.shareOfPopulationWithin === null
      ? '–'
      : `${(100 * own.shareOfPopulationWithin).toFixed(1)}%`;
  $('last-change').textContent = `${snap.changed.length} villages re-ranked, ${ms.toFixed(0)} ms`;
  $('status').textContent = 'Ready.';
  document.body.dataset.share = String(own.shareOfPopulationWithin);
  document.body.dataset.coveredVillages = String(own.within.villages);
  document.body.dataset.coveredPopulation = String(own.within.population);
}

function drawFacility(f: IndexedPoint): SVGRectElement {
  const r = document.createElementNS(SVG_NS, 'rect');
  r.setAttribute('class', 'facility');
  r.setAttribute('x', '-5');
  r.setAttribute('y', '-5');
  r.setAttribute('width', '10');
  r.setAttribute('height', '10');
  r.dataset.id = String(f.id);
  const title = document.createElementNS(SVG_NS, 'title');
  title.textContent = `${f.properties?.name ?? f.id}`;
  r.append(title);
  place(r, f);
  facilitiesLayer.append(r);
  return r;
}
function place(r: SVGRectElement, f: IndexedPoint): void {
  const [x, y] = projection([f.lon, f.lat]) as [number, number];
  r.setAttribute('transform', `translate(${x} ${y}) rotate(45)`);
  r.dataset.lon = String(f.lon);
  r.dataset.lat = String(f.lat);
}

function start(): void {
  standard = STANDARDS.find((s) => s.id === select.value) as ServiceStandard;
  const kinds = standard.categories;
  facilities = allFacilities.filter((f) =>
    kinds.length === 0 ? true : facilityCategories(f).some((c) => kinds.includes(c)),
  );
  moved.clear();
  facilitiesLayer.replaceChildren();
  bandsLayer.replaceChildren();
  for (const f of facilities) drawFacility(f);
  $('threshold').textContent =
    standard.thresholdMinutes !== undefined
      ? `${standard.thresholdMinutes} min`
      : `${standard.thresholdMeters / 1000} km`;
  $('all-villages').textContent = String(villages.length);
  $('status').textContent = 'Searching…';
  request(() =>
    worker.whatIfStart(standard.profile, villages, facilities, { standard: standard.id }),
  );
}
select.addEventListener('change', start);

// ---- drag a facility, click one for its isochrones, add one ----
const toLonLat = (e: PointerEvent) => {
  const box = svg.getBoundingClientRect();
  return projection.invert?.([e.clientX - box.left, e.clientY - box.top]) as [number, number];
};
let drag: { rect: SVGRectElement; f: IndexedPoint; x: number; y: number; moved: boolean } | null =
  null;
facilitiesLayer.addEventListener('pointerdown', (e) => {
  const rect = (e.target as Element).closest('rect.facility') as SVGRectElement | null;
  if (!rect) return;
  const f = facilities.find((x) => String(x.id) === rect.dataset.id) as IndexedPoint;
  drag = { rect, f, x: e.clientX, y: e.clientY, moved: false };
  svg.setPointerCapture(e.pointerId);
  e.stopPropagation();
});
svg.addEventListener('pointermove', (e) => {
  if (!drag) return;
  if (!drag.moved && Math.hypot(e.clientX - drag.x, e.clientY - drag.y) < 4) return;
  drag.moved = true;
  const [lon, lat] = toLonLat(e);
  const { f, rect } = drag;
  f.lon = lon;
  f.lat = lat;
  place(rect, f);
  rect.classList.add('moved');
  moved.add(String(f.id));
  request(() => worker.whatIfMove(f.id as string, lon, lat));
});
svg.addEventListener('pointerup', (e) => {
  if (drag && !drag.moved) void showIsochrones(drag.f, drag.rect);
  drag = null;
  if (svg.hasPointerCapture(e.pointerId)) svg.releasePointerCapture(e.pointerId);
});

async function showIsochrones(f: IndexedPoint, rect: SVGRectElement): Promise<void> {
  for (const r of facilitiesLayer.querySelectorAll('.selected')) r.classList.remove('selected');
  rect.classList.add('selected');
  const t = standard.thresholdMinutes ?? Math.round((standard.thresholdMeters as number) / 80);
  const minutes = [t / 3, (2 * t) / 3, t].map((m) => Math.round(m * 10) / 10);
  $('selected').textContent =
    `${f.properties?.name ?? f.id}: isochrones ${minutes.join(', ')} min…`;
  const bands = await worker.isochrones(standard.profile, new Float64Array([f.lon, f.lat]), {
    minutes,
    direction: 'from',
  });
  bandsLayer.replaceChildren();
  for (const b of [...bands.features].reverse()) {
    // d3-geo reads rings by their winding on the sphere: GeoJSON's counter-clockwise exterior
    // is, to d3, everything but the band. Reverse the rings of a band that claims the globe.
    if (geoArea(b) > 2 * Math.PI)
      for (const polygon of b.geometry.coordinates) for (const ring of polygon) ring.reverse();
    const p = document.createElementNS(SVG_NS, 'path');
    p.setAttribute('class', 'band');
    p.setAttribute('d', path(b) ?? '');
    p.setAttribute('fill', b.properties.fill);
    p.setAttribute('fill-opacity', '0.35');
    bandsLayer.append(p);
  }
  $('selected').textContent = `${f.properties?.name ?? f.id}: isochrones ${[...bands.features]
    // each band named by its own minutes (the bands come largest first)
    .sort((a, b) => a.properties.minutes - b.properties.minutes)
    .map((b) => `${b.properties.minutes} min ${b.properties.areaKm2.toFixed(1)} km²`)
    .join(', ')}`;
}

const addButton = $<HTMLButtonElement>('add');
addButton.addEventListener('click', () => addButton.classList.toggle('active'));
svg.addEventListener('pointerdown', (e) => {
  if (!addButton.classList.contains('active') || drag) return;
  addButton.classList.remove('active');
  const [lon, lat] = toLonLat(e);
  const f: IndexedPoint = {
    id: `new-${++added}`,
    lon,
    lat,
    category: standard.categories[0] ?? 'health',
    properties: { name: `New facility ${added}` },
  };
  facilities.push(f);
  drawFacility(f).classList.add('moved');
  request(() => worker.whatIfAdd(f));
});

$('export').addEventListener('click', async () => {
  await busy;
  const result = await worker.coverage(
    standard.profile,
    villages,
    await worker.whatIfFacilities(),
    { standard: standard.id },
  );
  const blob = new Blob([JSON.stringify(coverageGeoJson(result, villages))], {
    type: 'application/geo+json',
  });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `coverage-${standard.id}.geojson`;
  a.click();
  URL.revokeObjectURL(a.href);
});

start();
// For tests and the curious: wait until the worker has answered everything asked so far.
(window as unknown as { whatIfIdle: () => Promise<void> }).whatIfIdle = async () => {
  while (running || queued) await busy;
};
