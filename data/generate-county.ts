/**
 * A deterministic synthetic mountainous county, the kind the provincial plans describe: a county
 * seat in a valley, townships along the main valley and up side valleys, administrative villages
 * and hamlets (some high on the slopes, some reached only by tracks or footpaths, a few beyond any
 * road), a road hierarchy and public-service facilities by category. Everything is invented: no
 * real place, road or person is described.
 *
 *   npx tsx data/generate-county.ts            rewrites data/county/*.geojson (seed 1, scale 1)
 *   npx tsx data/generate-county.ts 7 20 dir/  seed 7, a region 20× as large, written to dir/
 *
 * `generateCounty` is also imported by benchmarks for larger regions (never committed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import { mulberry32 } from '../test/helpers/random';
import { wgs84ToGcj02 } from '../src/geo/crs/gcj02';
import { addChineseNames, encodeGbk } from './chinese-names';

export interface CountyOptions {
  /** PRNG seed (default 1): the same seed and scale give byte-identical output. */
  seed?: number;
  /** Area multiplier (default 1 ≈ 40 × 40 km, 10 townships, ~300 villages). */
  scale?: number;
}

export interface County {
  roads: FeatureCollection<LineString>;
  villages: FeatureCollection<Point>;
  facilities: FeatureCollection<Point>;
}

const LON0 = 100.0;
const LAT0 = 25.0;
const KM_PER_DEG_LAT = 111.195;
const KM_PER_DEG_LON = KM_PER_DEG_LAT * Math.cos((25.2 * Math.PI) / 180);

type Km = [number, number];

/** Generate the county in memory. */
export function generateCounty(options: CountyOptions = {}): County {
  const rnd = mulberry32(options.seed ?? 1);
  const scale = options.scale ?? 1;
  const size = 40 * Math.sqrt(scale);
  const between = (a: number, b: number) => a + rnd() * (b - a);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const lonlat = ([x, y]: Km): [number, number] => [
    round6(LON0 + x / KM_PER_DEG_LON),
    round6(LAT0 + y / KM_PER_DEG_LAT),
  ];
  const valleyY = (x: number) => size / 2 + 5 * Math.sin(x / 7) + 2 * Math.sin(x / 2.3);
  // Elevation: the valley floor at ~1,500 m rising to ~3,500 m ridges.
  const elevation = ([x, y]: Km) =>
    Math.round(
      1500 +
        Math.min(
          2000,
          260 * Math.abs(y - valleyY(x)) ** 0.85 + 150 * Math.sin(x / 3) * Math.cos(y / 4),
        ),
    );

  const roads: Feature<LineString>[] = [];
  // Road vertices villages may join, bucketed in 2 km cells so that large regions stay fast.
  const CELL = 2;
  const buckets = new Map<string, { p: Km; cls: string }[]>();
  const cellKey = (cx: number, cy: number) => `${cx},${cy}`;
  const road = (pts: Km[], tags: Record<string, string>, joinable = true) => {
    roads.push({
      type: 'Feature',
      properties: tags,
      geometry: { type: 'LineString', coordinates: pts.map(lonlat) },
    });
    if (!joinable) return;
    for (const p of pts) {
      const k = cellKey(Math.floor(p[0] / CELL), Math.floor(p[1] / CELL));
      const list = buckets.get(k);
      if (list) list.push({ p, cls: tags.highway });
      else buckets.set(k, [{ p, cls: tags.highway }]);
    }
  };
  /** A wiggling road from a to b with a vertex every `stepKm`; `zigzag` > 0 for switchbacks. */
  const wiggle = (a: Km, b: Km, stepKm: number, amp: number, zigzag = 0): Km[] => {
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const n = Math.max(1, Math.round(len / stepKm));
    const [nx, ny] = [-(b[1] - a[1]) / (len || 1), (b[0] - a[0]) / (len || 1)];
    const pts: Km[] = [a];
    for (let i = 1; i < n; i++) {
      const u = i / n;
      const off =
        amp * Math.sin(u * Math.PI) * (rnd() - 0.5) + (zigzag ? (i % 2 ? zigzag : -zigzag) : 0);
      pts.push([a[0] + u * (b[0] - a[0]) + off * nx, a[1] + u * (b[1] - a[1]) + off * ny]);
    }
    pts.push(b);
    return pts;
  };
  const nearestVertex = (p: Km, classes?: string[]) => {
    // Rings of cells outwards; a hit in ring r is final once ring r + 1 has been looked at too.
    const cx = Math.floor(p[0] / CELL);
    const cy = Math.floor(p[1] / CELL);
    let best: Km = p;
    let bd = Infinity;
    const maxRing = Math.ceil(size / CELL) + 2;
    for (let r = 0; r <= maxRing; r++) {
      for (let x = cx - r; x <= cx + r; x++) {
        for (let y = cy - r; y <= cy + r; y++) {
          if (Math.max(Math.abs(x - cx), Math.abs(y - cy)) !== r) continue;
          for (const v of buckets.get(cellKey(x, y)) ?? []) {
            if (classes && !classes.includes(v.cls)) continue;
            const d = Math.hypot(v.p[0] - p[0], v.p[1] - p[1]);
            if (
              d < bd ||
              (d === bd && (v.p[0] < best[0] || (v.p[0] === best[0] && v.p[1] < best[1])))
            )
              [best, bd] = [v.p, d];
          }
        }
      }
      if (bd <= r * CELL) break; // every unvisited cell is at least r × CELL away
    }
    return { p: best, d: bd };
  };

  // 1. The national road along the valley.
  const valley: Km[] = [];
  for (let x = 0; x <= size + 1e-9; x += 1) valley.push([x, valleyY(x)]);
  road(valley, { highway: 'primary', ref: 'G999', name: 'Valley national road' });

  // 2. The county seat: a street grid beside the road, a one-way pair through the centre.
  const seat: Km = [size / 2, valleyY(size / 2)];
  const grid = 7;
  const step = 0.25;
  const at = (i: number, j: number): Km => [seat[0] + (i - 3) * step, seat[1] + (j - 3) * step];
  for (let j = 0; j < grid; j++) {
    const row = Array.from({ length: grid }, (_, i) => at(i, j));
    road(j === 3 ? row : j === 4 ? [...row].reverse() : row, {
      highway: j === 3 || j === 4 ? 'secondary' : 'residential',
      ...(j === 3 || j === 4 ? { oneway: 'yes' } : {}),
      name: `Street ${j + 1}`,
    });
  }
  for (let i = 0; i < grid; i++)
    road(
      Array.from({ length: grid }, (_, j) => at(i, j)),
      { highway: 'residential', name: `Avenue ${i + 1}` },
    );
  road(
    [
      at(3, 0),
      [seat[0], valleyY(seat[0]) - 0.4],
      nearestVertex([seat[0], valleyY(seat[0]) - 1], ['primary']).p,
    ],
    { highway: 'secondary', name: 'Seat link' },
  );

  // 3. Townships: half on the main valley, half at the head of side valleys.
  const names = nameMaker(rnd);
  const townshipCount = Math.max(2, Math.round(10 * scale));
  const townships: { name: string; p: Km }[] = [];
  for (let t = 0; t < townshipCount; t++) {
    const x = ((t + 0.5) / townshipCount) * size + between(-1, 1);
    const base = nearestVertex([x, valleyY(x)], ['primary']).p;
    const name = names.township();
    if (t % 2 === 0 || Math.abs(x - seat[0]) < 3) {
      const p: Km = [
        base[0] + between(-0.3, 0.3),
        base[1] + between(0.6, 1.2) * (rnd() < 0.5 ? -1 : 1),
      ];
      road([base, p], { highway: 'tertiary', name: `${name} road` });
      townships.push({ name, p });
    } else {
      const side = rnd() < 0.5 ? -1 : 1;
      const p: Km = [base[0] + between(-3, 3), base[1] + side * between(7, 13)];
      road(wiggle(base, p, 0.5, 1.2), { highway: 'secondary', name: `${name} county road` });
      townships.push({ name, p });
    }
  }

  // 4. Villages around each township, joined to the nearest road by village roads, tracks or paths.
  const villages: Feature<Point>[] = [];
  const facilities: Feature<Point>[] = [];
  let fid = 0;
  const facility = (p: Km, category: string, name: string, extra: Record<string, unknown> = {}) => {
    const q: Km = [p[0] + between(-0.06, 0.06), p[1] + between(-0.06, 0.06)];
    facilities.push({
      type: 'Feature',
      id: `F${String(++fid).padStart(4, '0')}`,
      properties: { id: `F${String(fid).padStart(4, '0')}`, name, category, ...extra },
      geometry: { type: 'Point', coordinates: lonlat(q) },
    });
  };
  const village = (p: Km, props: Record<string, unknown>) => {
    const id = `V${String(villages.length + 1).padStart(4, '0')}`;
    villages.push({
      type: 'Feature',
      id,
      properties: { id, ...props, elevationM: elevation(p) },
      geometry: { type: 'Point', coordinates: lonlat(p) },
    });
  };
  // The seat's urban communities.
  for (let c = 0; c < 6; c++)
    village(at(1 + (c % 3) * 2, c < 3 ? 1 : 5), {
      name: `Seat community ${c + 1}`,
      township: 'County seat',
      population: Math.round(between(6000, 12000)),
      urban: 'urban',
      kind: 'community',
    });
  for (const t of townships) {
    village(t.p, {
      name: `${t.name} town`,
      township: t.name,
      population: Math.round(between(2500, 8000)),
      urban: 'urban',
      kind: 'township seat',
    });
    const count = Math.round(between(22, 34));
    for (let v = 0; v < count; v++) {
      const angle = rnd() * 2 * Math.PI;
      const dist = between(1.2, 8);
      const p: Km = [
        clamp(t.p[0] + dist * Math.cos(angle), 0.5, size - 0.5),
        clamp(t.p[1] + dist * Math.sin(angle), 0.5, size - 0.5),
      ];
      const hamlet = rnd() < 0.3;
      const high = elevation(p) > 2300;
      const r = rnd();
      const join = nearestVertex(p, [
        'primary',
        'secondary',
        'tertiary',
        'unclassified',
        'track',
        'residential',
      ]);
      if (r < 0.025) {
        // beyond any road: the hamlet lies 3 km further up the slope, nothing joins it
        const far: Km = [
          clamp(p[0] + 3 * Math.cos(angle), 0.2, size - 0.2),
          clamp(p[1] + 3 * Math.sin(angle), 0.2, size - 0.2),
        ];
        village(far, {
          name: names.village(),
          township: t.name,
          population: Math.round(between(15, 80)),
          urban: 'rural',
          kind: 'hamlet',
          access: 'none',
        });
        continue;
      }
      const name = names.village();
      let access: string;
      if (r < 0.08) {
        road(wiggle(join.p, p, 0.2, 0.3, 0.08), { highway: 'path', name: `${name} path` }, false);
        access = 'footpath';
      } else if (high && r < 0.5) {
        road(wiggle(join.p, p, 0.25, 0.4, 0.12), {
          highway: 'track',
          tracktype: pick(['grade3', 'grade4', 'grade5']),
          name: `${name} track`,
        });
        access = 'track';
      } else {
        road(wiggle(join.p, p, 0.4, 0.6), { highway: 'unclassified', name: `${name} road` });
        access = 'village road';
      }
      const population = hamlet ? Math.round(between(20, 180)) : Math.round(between(250, 2200));
      // A few villages have no population recorded: reports must count them apart, not as 0.
      village(p, {
        name,
        township: t.name,
        ...(rnd() < 0.02 ? {} : { population }),
        urban: 'rural',
        kind: hamlet ? 'hamlet' : 'village',
        access,
      });
      if (!hamlet) {
        if (rnd() < 0.35) facility(p, 'health', `${name} village clinic`, { beds: 0 });
        if (rnd() < 0.25)
          facility(p, 'education;school', `${name} primary school`, {
            seats: Math.round(between(60, 300)),
          });
        if (rnd() < 0.1)
          facility(p, 'kindergarten', `${name} kindergarten`, {
            places: Math.round(between(20, 60)),
          });
        if (rnd() < 0.08)
          facility(p, 'elderly-care', `${name} day-care point`, {
            beds: Math.round(between(0, 10)),
          });
        if (rnd() < 0.5) facility(p, 'culture', `${name} culture room`);
        if (rnd() < 0.3) facility(p, 'fitness', `${name} fitness station`);
      }
    }
    facility(t.p, 'health', `${t.name} township health centre`, {
      beds: Math.round(between(20, 60)),
    });
    facility(t.p, 'education;school', `${t.name} central school`, {
      seats: Math.round(between(400, 1200)),
    });
    facility(t.p, 'kindergarten', `${t.name} kindergarten`, {
      places: Math.round(between(60, 180)),
    });
    if (rnd() < 0.6)
      facility(t.p, 'elderly-care', `${t.name} elderly-care centre`, {
        beds: Math.round(between(20, 60)),
      });
    facility(t.p, 'culture', `${t.name} culture station`);
    if (rnd() < 0.8) facility(t.p, 'fitness', `${t.name} fitness square`);
    if (rnd() < 0.7) facility(t.p, 'employment', `${t.name} employment service point`);
  }
  // A valley whose only bridge is gone: a road piece joined to nothing, with two villages on it.
  // They snap to it but no path leaves it, so reports must list them as unreachable.
  for (let attempt = 0; attempt < 200; attempt++) {
    const a: Km = [between(1, size - 3), between(1, size - 3)];
    const b: Km = [a[0] + 2, a[1] + between(-0.5, 0.5)];
    if (Math.min(nearestVertex(a).d, nearestVertex(b).d) < 3) continue;
    road(wiggle(a, b, 0.4, 0.3), {
      highway: 'unclassified',
      name: 'Cut-off valley road',
      note: 'bridge washed away (synthetic)',
    });
    const t = townships[0].name;
    village(a, {
      name: names.village(),
      township: t,
      population: Math.round(between(150, 400)),
      urban: 'rural',
      kind: 'village',
      access: 'cut off',
    });
    village(b, {
      name: names.village(),
      township: t,
      population: Math.round(between(150, 400)),
      urban: 'rural',
      kind: 'village',
      access: 'cut off',
    });
    break;
  }

  // The seat's own facilities.
  facility(at(3, 3), 'health;hospital', 'County people’s hospital', { beds: 420 });
  facility(at(5, 2), 'health', 'County hospital of traditional medicine', { beds: 150 });
  facility(at(2, 4), 'education;school', 'County middle school', { seats: 2400 });
  for (const [i, j] of [
    [1, 1],
    [5, 5],
    [1, 5],
  ])
    facility(at(i, j), 'kindergarten', `Seat kindergarten ${i}${j}`, { places: 240 });
  facility(at(4, 5), 'elderly-care', 'County welfare centre', { beds: 200 });
  facility(at(2, 2), 'elderly-care', 'Seat community elderly-care centre', { beds: 60 });
  facility(at(3, 4), 'culture', 'County library and culture centre');
  for (const [i, j] of [
    [0, 3],
    [6, 3],
    [3, 6],
  ])
    facility(at(i, j), 'fitness', `Seat fitness park ${i}${j}`);
  facility(at(4, 3), 'employment', 'County employment service centre');

  const villagesFc: FeatureCollection = { type: 'FeatureCollection', features: villages };
  const facilitiesFc: FeatureCollection = { type: 'FeatureCollection', features: facilities };
  addChineseNames(villagesFc, facilitiesFc);
  return {
    roads: { type: 'FeatureCollection', features: roads },
    villages: villagesFc as County['villages'],
    facilities: facilitiesFc as County['facilities'],
  };
}

function nameMaker(rnd: () => number) {
  const first = [
    'Shang',
    'Xia',
    'Da',
    'Xiao',
    'Bai',
    'Hei',
    'Shui',
    'Shan',
    'Ping',
    'Long',
    'Song',
    'He',
    'Tang',
    'Ba',
    'Po',
    'Jia',
    'Wa',
    'Lin',
    'Qing',
    'Yun',
    'Mu',
    'Shi',
    'Tian',
    'Hong',
  ];
  const second = [
    'cun',
    'zhai',
    'ping',
    'wan',
    'ba',
    'shao',
    'tang',
    'jie',
    'ying',
    'chong',
    'qing',
    'he',
  ];
  const used = new Set<string>();
  // ~7,000 distinct names exist; past a few collisions a number keeps large regions' names unique.
  const make = (suffixes: string[]) => {
    for (let attempt = 0; ; attempt++) {
      let n =
        first[Math.floor(rnd() * first.length)] +
        first[Math.floor(rnd() * first.length)].toLowerCase() +
        suffixes[Math.floor(rnd() * suffixes.length)];
      if (attempt >= 20) n = `${n} ${used.size + 1}`;
      if (!used.has(n)) {
        used.add(n);
        return n;
      }
    }
  };
  return { township: () => make([' Town', ' Township']), village: () => make(second) };
}

function clamp(x: number, a: number, b: number): number {
  return Math.min(b, Math.max(a, x));
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/**
 * Write the three files (compact JSON, one feature per line so diffs stay readable), and the same
 * villages and facilities as Chinese planners receive them: `villages-gbk.csv` (a GBK table with
 * Chinese headers, as Excel saves one) and `facilities-gcj02.csv` (coordinates shifted to GCJ-02,
 * as an Amap POI scrape gives them).
 */
export function writeCounty(county: County, dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, fc] of Object.entries(county)) {
    const lines = (fc as FeatureCollection).features.map((f) => JSON.stringify(f));
    writeFileSync(
      join(dir, `${name}.geojson`),
      `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`,
    );
  }
  const cell = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  const villages = county.villages.features.map((f) => {
    const p = f.properties as Record<string, unknown>;
    const [lon, lat] = f.geometry.coordinates;
    return [p.id, p.name, p.pinyin, p.township, p.population, lon, lat].map(cell).join(',');
  });
  writeFileSync(
    join(dir, 'villages-gbk.csv'),
    encodeGbk(`编号,村名,拼音,乡镇,人口,经度,纬度\r\n${villages.join('\r\n')}\r\n`),
  );
  const facilities = county.facilities.features.map((f) => {
    const p = f.properties as Record<string, unknown>;
    const [lng, lat] = wgs84ToGcj02(f.geometry.coordinates[0], f.geometry.coordinates[1]);
    return [p.id, p.name, p.category, lng.toFixed(6), lat.toFixed(6)].map(cell).join(',');
  });
  writeFileSync(
    join(dir, 'facilities-gcj02.csv'),
    `id,name,category,lng,lat\n${facilities.join('\n')}\n`,
  );
}

if (process.argv[1]?.endsWith('generate-county.ts')) {
  const [seed = '1', scale = '1', out] = process.argv.slice(2);
  const dir = out ?? resolve(import.meta.dirname, 'county');
  const county = generateCounty({ seed: Number(seed), scale: Number(scale) });
  writeCounty(county, dir);
  process.stdout.write(
    `county seed ${seed} scale ${scale}: ${county.roads.features.length} roads, ${county.villages.features.length} villages, ${county.facilities.features.length} facilities → ${dir}\n`,
  );
}
