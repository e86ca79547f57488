import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors';
import { bd09ToWgs84, gcj02ToBd09, wgs84ToBd09 } from '../src/geo/crs/bd09';
import { type Crs, resolveCrs } from '../src/geo/crs/crs';
import { cgcs2000GkCode, epsgDefinition } from '../src/geo/crs/epsg-definitions';
import { gcj02ToWgs84, outOfChina, wgs84ToGcj02 } from '../src/geo/crs/gcj02';
import { toWgs84GeoJson } from '../src/geo/crs/reproject-geojson';
import { haversineM } from '../src/geo/distance';
import { readPointsFromGeoJson } from '../src/points/read-points';
import { mulberry32 } from './helpers/random';

// Published pairs: googollee/eviltransform's tests ([wgsLat, wgsLng, gcjLat, gcjLng]; the
// forward formula there is the same published one, so they must agree to rounding).
const GCJ_PAIRS = [
  [31.1774276, 121.5272106, 31.17530398364597, 121.531541859215], // Shanghai
  [22.543847, 113.912316, 22.540796131694766, 113.9171764808363], // Shenzhen
  [39.911954, 116.377817, 39.91334545536069, 116.38404722455657], // Beijing
];
// eviltransform's BD-09 pairs ([bdLat, bdLng, wgsLat, wgsLng]). These look read from Baidu's own
// service, which is not exactly the published formula: the formula (ours, and gcoord's) lands
// 10.6 m and 41.4 m from them. Recorded as measured, in docs/design-notes.md.
const BD_PAIRS = [
  [29.199786, 120.019809, 29.196131605295484, 120.00877901149691],
  [29.210504, 120.036455, 29.206795749156136, 120.0253853970846],
];
// The R package "transformCoord" records one pair read from the Amap API itself (Tiananmen).
const AMAP_API = { wgs: [116.39089, 39.90734], gcj: [116.39713623, 39.90874539] };

const m = (a: readonly number[], b: readonly number[]) => haversineM(a[0], a[1], b[0], b[1]);

describe('GCJ-02 and BD-09', () => {
  it('wgs84ToGcj02 reproduces the published pairs to 1 mm', () => {
    for (const [wLat, wLon, gLat, gLon] of GCJ_PAIRS) {
      expect(m(wgs84ToGcj02(wLon, wLat), [gLon, gLat])).toBeLessThan(0.001);
    }
  });

  it('gcj02ToWgs84 inverts the published pairs to 1 mm (the one-step inverse is off by metres)', () => {
    for (const [wLat, wLon, gLat, gLon] of GCJ_PAIRS) {
      expect(m(gcj02ToWgs84(gLon, gLat), [wLon, wLat])).toBeLessThan(0.001);
    }
  });

  it('the formula agrees with a pair read from the Amap API within 1 m', () => {
    expect(m(wgs84ToGcj02(AMAP_API.wgs[0], AMAP_API.wgs[1]), AMAP_API.gcj)).toBeLessThan(1);
  });

  it('bd09ToWgs84 lands within 50 m of the published BD-09 pairs, as gcoord does (to 0.2 m)', () => {
    const errors = BD_PAIRS.map(([bLat, bLon, wLat, wLon]) => {
      const ours = bd09ToWgs84(bLon, bLat);
      const peer = gcoord.transform([bLon, bLat], gcoord.BD09, gcoord.WGS84) as [number, number];
      expect(m(ours, peer)).toBeLessThan(0.2);
      return m(ours, [wLon, wLat]);
    });
    expect(errors[0]).toBeCloseTo(10.57, 1);
    expect(errors[1]).toBeCloseTo(41.45, 1);
  });

  it('gcj02ToBd09 matches a published pair (coordtransform tests: 116.404, 39.915)', () => {
    const [lon, lat] = gcj02ToBd09(116.404, 39.915);
    expect(lon).toBeCloseTo(116.41036949371029, 10);
    expect(lat).toBeCloseTo(39.92133699351021, 10);
  });

  it('round trips WGS84 → GCJ-02/BD-09 → WGS84 stay below 1e-6 m on 2,000 random points in China', () => {
    const rnd = mulberry32(17);
    let worstGcj = 0;
    let worstBd = 0;
    for (let i = 0; i < 2000; i++) {
      const p = [74 + rnd() * 60, 18 + rnd() * 35];
      const g = wgs84ToGcj02(p[0], p[1]);
      worstGcj = Math.max(worstGcj, m(gcj02ToWgs84(g[0], g[1]), p));
      const b = wgs84ToBd09(p[0], p[1]);
      worstBd = Math.max(worstBd, m(bd09ToWgs84(b[0], b[1]), p));
      // the shift itself is a few hundred metres: what makes a clinic snap onto the wrong road
      expect(m(g, p)).toBeGreaterThan(1);
      expect(m(g, p)).toBeLessThan(1500);
    }
    expect(worstGcj).toBeLessThan(1e-6);
    expect(worstBd).toBeLessThan(1e-6);
  });

  it('agrees with the gcoord package (a maintained peer) on forward transforms; its inverse is coarser', () => {
    const rnd = mulberry32(3);
    let worstFwd = 0;
    let worstPeerRoundTrip = 0;
    for (let i = 0; i < 500; i++) {
      const p: [number, number] = [98 + rnd() * 24, 21 + rnd() * 20];
      const peer = gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as [number, number];
      worstFwd = Math.max(worstFwd, m(peer, wgs84ToGcj02(p[0], p[1])));
      const back = gcoord.transform(peer, gcoord.GCJ02, gcoord.WGS84) as [number, number];
      worstPeerRoundTrip = Math.max(worstPeerRoundTrip, m(back, p));
    }
    expect(worstFwd).toBeLessThan(0.001);
    // recorded in docs/design-notes.md: gcoord's round trip error, ours is < 1e-6 m
    expect(worstPeerRoundTrip).toBeGreaterThan(1e-6);
  });

  it('leaves positions outside China unshifted', () => {
    expect(outOfChina(2.5, 48.8)).toBe(true);
    expect(wgs84ToGcj02(2.5, 48.8)).toEqual([2.5, 48.8]);
    expect(gcj02ToWgs84(2.5, 48.8)).toEqual([2.5, 48.8]);
  });
});

/** Meridian arc length on GRS80 from the equator to `lat`, by Simpson's rule (an oracle for tmerc). */
function meridianArc(latDeg: number): number {
  const a = 6378137;
  const f = 1 / 298.257222101;
  const e2 = f * (2 - f);
  const n = 20000;
  const h = (latDeg * Math.PI) / 180 / n;
  let s = 0;
  for (let i = 0; i <= n; i++) {
    const phi = i * h;
    const w = i === 0 || i === n ? 1 : i % 2 ? 4 : 2;
    s += w * ((a * (1 - e2)) / (1 - e2 * Math.sin(phi) ** 2) ** 1.5);
  }
  return (s * h) / 3;
}

describe('CGCS2000 Gauss–Krüger zones and other EPSG codes', () => {
  it("puts every zone's central meridian at its false easting, at the meridian-arc northing", () => {
    const cases: [number, number, number][] = [
      // code, central meridian, false easting
      [4491, 75, 13500000],
      [4501, 135, 23500000],
      [4502, 75, 500000],
      [4512, 135, 500000],
      [4513, 75, 25500000],
      [4522, 102, 34500000],
      [4527, 117, 39500000],
      [4533, 135, 45500000],
      [4534, 75, 500000],
      [4547, 114, 500000],
      [4554, 135, 500000],
    ];
    for (const [code, cm, fe] of cases) {
      const crs = resolveCrs(`EPSG:${code}`);
      expect(crs.kind).toBe('projected');
      const lat = 25.2;
      const [x, y] = crs.fromWgs84(cm, lat);
      expect(x).toBeCloseTo(fe, 3);
      expect(Math.abs(y - meridianArc(lat))).toBeLessThan(0.01);
      const [lon2, lat2] = crs.toWgs84(x, y);
      expect(lon2).toBeCloseTo(cm, 9);
      expect(lat2).toBeCloseTo(lat, 9);
    }
  });

  it('projects and unprojects random points within a zone to under 1 mm', () => {
    const rnd = mulberry32(9);
    for (let k = 0; k < 200; k++) {
      const code = 4513 + Math.floor(rnd() * 21);
      const cm = 3 * (code - 4513 + 25);
      const crs = resolveCrs(String(code));
      const p: [number, number] = [cm - 1.5 + rnd() * 3, 18 + rnd() * 30];
      const [x, y] = crs.fromWgs84(p[0], p[1]);
      expect(Math.floor(x / 1e6)).toBe(code - 4513 + 25); // the zone prefix
      expect(m(crs.toWgs84(x, y), p)).toBeLessThan(0.001);
    }
  });

  it('reads the zone of an ArcGIS .prj from its name, and geographic CGCS2000 as WGS84', () => {
    expect(cgcs2000GkCode('CGCS2000_3_Degree_GK_Zone_34')).toBe(4522);
    expect(cgcs2000GkCode('CGCS2000_3_Degree_GK_CM_102E')).toBe(4543);
    expect(cgcs2000GkCode('CGCS2000_GK_Zone_18')).toBe(4496);
    expect(cgcs2000GkCode('CGCS2000_GK_CM_105E')).toBe(4507);
    const prj =
      'PROJCS["CGCS2000_3_Degree_GK_Zone_34",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",34500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",102.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    expect(resolveCrs(prj).name).toBe('EPSG:4522');
    const geog =
      'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
    expect(resolveCrs(geog).identity).toBe(true);
  });

  it('knows UTM and Web Mercator, and says what it accepts for anything else', () => {
    expect(epsgDefinition(32647)).toContain('+zone=47');
    expect(resolveCrs('EPSG:3857').toWgs84(0, 0)).toEqual([0, 0]);
    expect(() => resolveCrs('EPSG:2385')).toThrow(/EPSG:2385 is not one this library defines/);
    expect(() => resolveCrs('mars')).toThrow(InputError);
    expect(() => resolveCrs('+proj=nonsense')).toThrow(/cannot read the CRS/);
  });

  it('names wgs84, cgcs2000, gcj02, bd09 in any case', () => {
    const names = (['WGS84', 'cgcs2000', 'GCJ-02', 'bd09'] as const).map((s) => resolveCrs(s).name);
    expect(names).toEqual(['wgs84', 'cgcs2000', 'gcj02', 'bd09']);
    const c: Crs = resolveCrs('gcj02');
    expect(resolveCrs(c)).toBe(c);
  });
});

describe('toWgs84GeoJson', () => {
  it('converts every position of a FeatureCollection and keeps properties and elevations', () => {
    const fc = {
      type: 'FeatureCollection',
      bbox: [0, 0, 1, 1],
      features: [
        {
          type: 'Feature',
          properties: { name: '卫生院', coordinates: [1, 2] },
          geometry: {
            type: 'LineString',
            coordinates: [
              [121.531541859215, 31.17530398364597, 12],
              [121.54, 31.18],
            ],
          },
        },
      ],
    };
    const out = toWgs84GeoJson(fc, 'gcj02') as typeof fc;
    const line = out.features[0].geometry.coordinates;
    expect(m(line[0], [121.5272106, 31.1774276])).toBeLessThan(0.001);
    expect(line[0][2]).toBe(12);
    expect(out.features[0].properties).toEqual({ name: '卫生院', coordinates: [1, 2] });
    expect('bbox' in out).toBe(false);
    expect(toWgs84GeoJson(fc, 'wgs84')).toBe(fc);
  });
});

describe('the crs option of readPointsFromGeoJson', () => {
  it('reads BD-09 points into WGS84 and names the CRS when a converted point is out of range', () => {
    const fc = (x: number, y: number) => ({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 'a',
          properties: {},
          geometry: { type: 'Point', coordinates: [x, y] },
        },
      ],
    });
    const [p] = readPointsFromGeoJson(fc(...gcj02ToBd09(121.531541859215, 31.17530398364597)), {
      crs: 'bd09',
    });
    expect(m([p.lon, p.lat], [121.5272106, 31.1774276])).toBeLessThan(0.001);
    const [q] = readPointsFromGeoJson(fc(500000, 2789000), { crs: 'EPSG:4547' });
    expect(q.lon).toBeCloseTo(114, 9);
    expect(() => readPointsFromGeoJson(fc(1, 2), { crs: 'mars' })).toThrow(/unknown CRS "mars"/);
  });
});
