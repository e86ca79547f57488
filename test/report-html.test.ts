// The report's building blocks against oracles: Douglas–Peucker against a recursive textbook
// version, the varint/base64 writer against Node's Buffer, the road layer against the roads it
// encodes (every input vertex stays within reach of a drawn segment; no segment drawn twice),
// and the two string tables against each other.
import { coverageReasonZh } from '../src/report/coverage-reason-zh';
import type { Feature, FeatureCollection, LineString } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildNetworkFromGeoJson, coverage, defineStandard, type IndexedPoint } from '../src/index';
import { ByteWriter, toBase64 } from '../src/report/html/byte-writer';
import { fitFrame, LonLatBox } from '../src/report/html/frame';
import { encodeRoads } from '../src/report/html/road-layer';
import { forEachRoad } from '../src/report/html/road-source';
import { simplifyPolyline } from '../src/report/html/simplify';
import { REPORT_STRING_TABLES } from '../src/report/html/strings';
import { reportHtml } from '../src/report/report-html';
import { mulberry32 } from './helpers/random';

/** Textbook recursive Douglas–Peucker (distance to the segment), the oracle. */
function dpRecursive(pts: [number, number][], tol: number): boolean[] {
  const keep = pts.map((_, i) => i === 0 || i === pts.length - 1);
  const rec = (a: number, b: number) => {
    let worst = -1;
    let worstD = tol;
    for (let i = a + 1; i < b; i++) {
      const [ax, ay] = pts[a];
      const [bx, by] = pts[b];
      const [px, py] = pts[i];
      const dx = bx - ax;
      const dy = by - ay;
      const l2 = dx * dx + dy * dy;
      const t = l2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l2)) : 0;
      const d = Math.hypot(px - ax - t * dx, py - ay - t * dy);
      if (d > worstD) {
        worstD = d;
        worst = i;
      }
    }
    if (worst < 0) return;
    keep[worst] = true;
    rec(a, worst);
    rec(worst, b);
  };
  if (pts.length > 2) rec(0, pts.length - 1);
  return keep;
}

function segDist(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const l2 = dx * dx + dy * dy;
  const t = l2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l2)) : 0;
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** Decodes one road class's data back into polylines of report pixels. */
function decodeClass(data: string, unit: number): number[][] {
  const b = Buffer.from(data, 'base64');
  let p = 0;
  const next = () => {
    let z = 0;
    let m = 1;
    let x: number;
    do {
      x = b[p++];
      z += (x & 127) * m;
      m *= 128;
    } while (x & 128);
    return z % 2 ? -(z + 1) / 2 : z / 2;
  };
  const lines: number[][] = [];
  while (p < b.length) {
    const n = next();
    let x = next();
    let y = next();
    const line = [x * unit, y * unit];
    for (let i = 1; i < n; i++) {
      x += next();
      y += next();
      line.push(x * unit, y * unit);
    }
    lines.push(line);
  }
  return lines;
}

describe('simplifyPolyline (Douglas–Peucker, iterative)', () => {
  it('keeps exactly the vertices the recursive textbook version keeps, on 300 random lines', () => {
    const rnd = mulberry32(11);
    for (let trial = 0; trial < 300; trial++) {
      const n = 2 + Math.floor(rnd() * 60);
      const pts: [number, number][] = [];
      let x = 0;
      let y = 0;
      for (let i = 0; i < n; i++) {
        x += rnd() * 4 - 1;
        y += rnd() * 4 - 2;
        pts.push([x, y]);
      }
      const tol = rnd() * 2;
      const xy = Float64Array.from(pts.flat());
      const keep = new Uint8Array(n);
      const kept = simplifyPolyline(xy, n, tol, keep, new Int32Array(2 * n));
      const oracle = dpRecursive(pts, tol);
      expect(Array.from(keep, Boolean), `trial ${trial}`).toEqual(oracle);
      expect(kept).toBe(oracle.filter(Boolean).length);
    }
  });

  it('simplifies a 200,000-vertex line in linear time, without overflowing the stack', () => {
    const n = 200_000;
    const xy = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      xy[2 * i] = i;
      xy[2 * i + 1] = i % 2; // a zigzag: every vertex is 1 from the chord
    }
    const keep = new Uint8Array(n);
    expect(simplifyPolyline(xy, n, 0.5, keep, new Int32Array(2 * n))).toBe(n);
    // A straight-enough line keeps only the ends of its 1,024-vertex windows.
    expect(simplifyPolyline(xy, n, 2, keep, new Int32Array(2 * n))).toBe(
      Math.ceil((n - 1) / 1023) + 1,
    );
  });
});

describe('ByteWriter', () => {
  it('writes zigzag varints whose base64 Node decodes to the same numbers', () => {
    const rnd = mulberry32(5);
    const values = Array.from(
      { length: 5000 },
      () =>
        // + 0: Math.round(-0.3) is -0, which the varint cannot tell from 0.
        Math.round((rnd() - 0.5) * 2 ** (1 + Math.floor(rnd() * 30))) + 0,
    );
    const w = new ByteWriter();
    for (const v of values) w.int(v);
    const text = w.base64();
    expect(text).toBe(Buffer.from(Buffer.from(text, 'base64')).toString('base64'));
    const b = Buffer.from(text, 'base64');
    expect(b.length).toBe(w.length);
    let p = 0;
    const back: number[] = [];
    while (p < b.length) {
      let z = 0;
      let m = 1;
      let x: number;
      do {
        x = b[p++];
        z += (x & 127) * m;
        m *= 128;
      } while (x & 128);
      back.push(z % 2 ? -(z + 1) / 2 : z / 2);
    }
    expect(back).toEqual(values);
  });

  it('toBase64 agrees with Buffer for every length 0…40', () => {
    const rnd = mulberry32(9);
    for (let n = 0; n <= 40; n++) {
      const b = Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256));
      expect(toBase64(b, n)).toBe(Buffer.from(b).toString('base64'));
    }
  });
});

describe('encodeRoads', () => {
  const randomRoads = (seed: number, count: number): FeatureCollection<LineString> => {
    const rnd = mulberry32(seed);
    const classes = ['primary', 'residential', 'track', 'footway', 'secondary_link', 'weird'];
    const features: Feature<LineString>[] = [];
    for (let f = 0; f < count; f++) {
      let lon = 100 + rnd() * 0.5;
      let lat = 25 + rnd() * 0.4;
      const coords: [number, number][] = [[lon, lat]];
      const n = 2 + Math.floor(rnd() * 30);
      for (let i = 1; i < n; i++) {
        lon += (rnd() - 0.5) * 0.004;
        lat += (rnd() - 0.5) * 0.004;
        coords.push([lon, lat]);
      }
      // Some roads repeat others (dual carriageways drawn once, a track under a primary).
      if (f > 0 && rnd() < 0.1)
        features.push({
          ...features[Math.floor(rnd() * features.length)],
          properties: { highway: 'track' },
        });
      features.push({
        type: 'Feature',
        properties: { highway: classes[Math.floor(rnd() * classes.length)] },
        geometry: { type: 'LineString', coordinates: coords },
      });
    }
    return { type: 'FeatureCollection', features };
  };

  it('keeps every input vertex within reach of a drawn segment, and draws no segment twice', () => {
    for (const seed of [1, 2]) {
      const roads = randomRoads(seed, 120);
      const box = new LonLatBox();
      forEachRoad(roads, (_c, ll, n) => {
        for (let i = 0; i < n; i++) box.add(ll[2 * i], ll[2 * i + 1]);
      });
      const frame = fitFrame(box, 1000, 24);
      const layer = encodeRoads(roads, frame);
      expect(layer.unit).toBe(0.5);
      const segs: number[][] = [];
      const seen = new Set<string>();
      for (const c of layer.classes)
        for (const line of decodeClass(c.data, layer.unit))
          for (let i = 2; i < line.length; i += 2) {
            const s = [line[i - 2], line[i - 1], line[i], line[i + 1]];
            const key = [s.slice(0, 2).join(), s.slice(2).join()].sort().join('|');
            expect(seen.has(key), `segment ${key} drawn twice`).toBe(false);
            seen.add(key);
            segs.push(s);
          }
      expect(layer.classes.map((c) => c.name)).not.toContain('secondary_link');
      // Simplification (≤ unit) plus snapping both ends (≤ unit·√2/2 each) bounds the error.
      const reach = layer.unit * (1 + Math.SQRT2) + 1e-9;
      forEachRoad(roads, (_c, ll, n) => {
        for (let i = 0; i < n; i++) {
          const x = frame.x(ll[2 * i]);
          const y = frame.y(ll[2 * i + 1]);
          let best = Infinity;
          for (const s of segs) best = Math.min(best, segDist(x, y, s[0], s[1], s[2], s[3]));
          // A line shorter than one grid step is not drawn at all: then its own points are all
          // within a step of each other, and the test accepts a step more.
          expect(best).toBeLessThanOrEqual(reach + layer.unit * 2);
        }
      });
    }
  });

  it('coarsens until the layer fits its byte budget', () => {
    const roads = randomRoads(4, 2000);
    const box = new LonLatBox();
    forEachRoad(roads, (_c, ll, n) => {
      for (let i = 0; i < n; i++) box.add(ll[2 * i], ll[2 * i + 1]);
    });
    const frame = fitFrame(box, 1000, 24);
    const fine = encodeRoads(roads, frame);
    const coarse = encodeRoads(roads, frame, fine.bytes / 3);
    expect(coarse.unit).toBeGreaterThan(fine.unit);
    expect(coarse.bytes).toBeLessThanOrEqual(fine.bytes / 3);
  });
});

describe('report strings', () => {
  it('has every key in English and Chinese, none empty, the same slots in both', () => {
    const { en, zh } = REPORT_STRING_TABLES;
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const k of Object.keys(en) as (keyof typeof en)[]) {
      expect(en[k].length, k).toBeGreaterThan(0);
      expect(zh[k].length, k).toBeGreaterThan(0);
      const slots = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(slots(zh[k]), k).toEqual(slots(en[k]));
    }
  });
});

describe('reportHtml', () => {
  // Two villages on a short road, a home at one end: one covered, one beyond 15 minutes.
  const roads: FeatureCollection<LineString> = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { highway: 'residential' },
        geometry: {
          type: 'LineString',
          coordinates: [
            [100, 25],
            [100.03, 25],
          ],
        },
      },
    ],
  };
  const villages: IndexedPoint[] = [
    {
      lon: 100.001,
      lat: 25,
      id: 'a',
      properties: {
        name: 'Near',
        'name:zh': '近村',
        township: 'T1',
        population: 100,
        urban: 'urban',
      },
    },
    {
      lon: 100.029,
      lat: 25,
      id: 'b',
      properties: { name: 'Far', township: 'T2', urban: 'rural' },
    },
  ];
  const facilities: IndexedPoint[] = [
    { lon: 100, lat: 25, id: 'h', category: 'elderly-care', properties: { name: 'Home' } },
  ];
  const net = buildNetworkFromGeoJson(roads, { profile: 'walk' });
  const r = coverage(net, villages, facilities, {
    standard: 'elderly-care-15min',
    groupBy: 'township',
  });

  it('says shares as plans do, with units in every measure column, in English', () => {
    const html = reportHtml({ title: 'T', roads, facilities, coverage: [r], villages });
    expect(html).toContain(
      '50.0% of villages (1 of 2) and 100.0% of the population are within 15 min on foot of elderly-care.',
    );
    expect(html).toContain(
      '(population known for 1 of 2 villages; population shares count only those)',
    );
    expect(html).toContain('Population-weighted mean travel time (min)');
    expect(html).toContain('<td>Far</td><td>T2</td>');
    // Urban and rural apart, from the villages' "urban" property: the near one is the urban one.
    expect(html).toContain(
      '<tr><td>rural</td><td class="n">1</td><td class="n">0</td><td class="n">0.0%</td><td class="n">0</td><td class="n">0</td><td class="n">—</td></tr>',
    );
    expect(html).toContain(
      '<tr><td>urban</td><td class="n">1</td><td class="n">1</td><td class="n">100.0%</td><td class="n">100</td><td class="n">100</td><td class="n">100.0%</td></tr>',
    );
    expect(html).not.toMatch(/NaN|undefined/);
  });

  it('is written in Chinese with lang "zh", names included', () => {
    const html = reportHtml({ title: 'T', roads, facilities, coverage: [r], villages, lang: 'zh' });
    expect(html).toContain('<html lang="zh-CN">');
    for (const word of ['乡镇', '人口', '分钟', '15分钟养老服务圈（步行）', '人口覆盖率', '已覆盖'])
      expect(html).toContain(word);
    expect(html).toContain('"近村"');
    // the usual English values of the urban field said in Chinese
    expect(html).toMatch(/<tr><td>农村<\/td><td class="n">1<\/td>/);
    expect(html).toMatch(/<tr><td>城镇<\/td><td class="n">1<\/td>/);
    expect(html).not.toContain('Share of population');
    // the villages not covered say why in Chinese, not in the analysis's English
    for (const x of r.villages.filter((v) => v.status !== 'covered')) {
      expect(html).toContain(`<td>${coverageReasonZh(x, r)}</td>`);
      expect(html).not.toContain(`<td>${x.reason}</td>`);
    }
  });

  it('words the heading and the kinds needed as Chinese does', () => {
    const both = coverage(net, villages, facilities, {
      standard: defineStandard({
        id: 'both',
        title: 'Both',
        profile: 'walk',
        categories: ['health', 'education'],
        require: 'all',
        thresholdMinutes: 15,
        source: 'test',
      }),
    });
    const html = reportHtml({
      title: 'T',
      roads,
      facilities,
      coverage: [r, both],
      villages,
      lang: 'zh',
    });
    expect(html).toContain('<h2>15分钟养老服务圈（步行） — 15 分钟，步行</h2>');
    expect(html).toContain('医疗卫生和教育。');
    expect(html).not.toMatch(/分钟, |医疗卫生 \+ /);
  });

  it('refuses runs over different village lists', () => {
    const other = coverage(net, villages.slice(0, 1), facilities, {
      standard: 'elderly-care-15min',
    });
    expect(() => reportHtml({ title: 'T', roads, facilities, coverage: [r, other] })).toThrow(
      /draws one village list/,
    );
  });
});
