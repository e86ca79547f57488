import threads from 'node:worker_threads';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { Dem, DemGrid, hgtTileOrigin, readHgt } from '../src/index';
import { readGeoTiffDem } from '../src/node';
import { fillVoids } from '../src/inputs/dem/fill-voids';
import { mulberry32 } from './helpers/random';

/** An SRTM tile of `n` × `n` samples: big-endian int16 of `f(lon, lat)` rounded, voids where `isVoid`. */
function hgtBytes(
  n: number,
  lon0: number,
  lat0: number,
  f: (lon: number, lat: number) => number,
  isVoid: (row: number, col: number) => boolean = () => false,
): Uint8Array {
  const out = new Uint8Array(2 * n * n);
  const dv = new DataView(out.buffer);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      const v = isVoid(r, c) ? -32768 : Math.round(f(lon0 + c / (n - 1), lat0 + 1 - r / (n - 1)));
      dv.setInt16(2 * (r * n + c), v, false);
    }
  return out;
}

// A plane in metres: integer at every sample of a 3″ tile, so the int16 file holds it exactly.
const plane = (lon: number, lat: number) => 2000 + 1200 * (lon - 1) - 1200 * (lat - 42);

describe('readHgt', () => {
  it('hgtTileOrigin reads the south-west corner from a tile name', () => {
    expect(hgtTileOrigin('N42E001.hgt')).toEqual([1, 42]);
    expect(hgtTileOrigin('srtm/s09w078.HGT.zip')).toEqual([-78, -9]);
    expect(hgtTileOrigin('dem.hgt')).toBeNull();
  });

  it('reads a 3″ tile, plain and zipped, with bilinear interpolation between samples', () => {
    const raw = hgtBytes(1201, 1, 42, plane);
    for (const [bytes, name] of [
      [raw, 'N42E001.hgt'],
      [zipSync({ 'N42E001.hgt': raw }), 'tile.zip'],
    ] as const) {
      const g = readHgt(bytes, name);
      expect([g.cols, g.rows, g.west, g.north]).toEqual([1201, 1201, 1, 43]);
      expect(g.voidsFilled).toBe(0);
      const rnd = mulberry32(5);
      for (let k = 0; k < 200; k++) {
        const lon = 1 + rnd();
        const lat = 42 + rnd();
        expect(g.sample(lon, lat)).toBeCloseTo(plane(lon, lat), 6);
      }
      expect(g.sample(2, 43)).toBe(plane(2, 43)); // the tile's far corner is inside it
      expect(g.sample(2.0001, 42.5)).toBeNaN();
    }
  });

  it('reads a 1″ tile in the southern and western hemispheres', () => {
    const f = (lon: number, lat: number) => 10 * (lon + 78) + 20 * (lat + 9);
    const g = readHgt(hgtBytes(3601, -78, -9, f), 'S09W078.hgt');
    expect(g.dLat).toBeCloseTo(1 / 3600, 15);
    expect(g.sample(-77.5, -8.25)).toBeCloseTo(f(-77.5, -8.25), 3);
  });

  it('fills voids (−32768) from their neighbours and counts them', () => {
    const hole = (r: number, c: number) => r >= 500 && r < 504 && c >= 600 && c < 603;
    const g = readHgt(hgtBytes(1201, 1, 42, plane, hole), 'N42E001.hgt');
    expect(g.voidsFilled).toBe(12);
    // Filling a plane from its rim keeps it near the plane (means of neighbours on a tilt).
    const lon = 1 + 601 / 1200;
    const lat = 43 - 501 / 1200;
    expect(Math.abs(g.sample(lon, lat) - plane(lon, lat))).toBeLessThan(2);
    expect(new Dem([g]).voidsFilled).toBe(12);
  });

  it('refuses what is no SRTM tile, naming the file', () => {
    expect(() => readHgt(new Uint8Array(100), 'N42E001.hgt')).toThrow(
      /N42E001.hgt: 100 bytes is no SRTM tile/,
    );
    expect(() => readHgt(hgtBytes(1201, 1, 42, plane), 'dem.hgt')).toThrow(/holds no such code/);
    expect(() => readHgt(zipSync({ 'a.txt': new Uint8Array(3) }), 'x.zip')).toThrow(/found 0/);
    expect(() =>
      readHgt(
        hgtBytes(1201, 1, 42, plane, () => true),
        'N42E001.hgt',
      ),
    ).toThrow(/every elevation sample is a void/);
  });
});

// geotiff loads the `web-worker` package, which reads `workerData.mod` when imported in a worker
// thread and throws when a pool (vitest's here) started the thread without workerData.
if (!threads.isMainThread && threads.workerData == null)
  (threads as { workerData: unknown }).workerData = {};
const { writeArrayBuffer } = await import('geotiff');

describe('readGeoTiffDem (written by the geotiff package in the test)', () => {
  const cols = 6;
  const rows = 5;
  const res = 0.01;
  const west = 100;
  const north = 26;
  // Pixel-is-area: pixel (r, c) covers [west + c·res, west + (c+1)·res] and its value sits at its centre.
  const f = (lon: number, lat: number) => 500 + 3000 * (lon - 100) + 1000 * (26 - lat);
  const values = (nodataAt = -1) =>
    Float32Array.from({ length: cols * rows }, (_, i) => {
      if (i === nodataAt) return -9999;
      const r = Math.floor(i / cols);
      const c = i % cols;
      return f(west + (c + 0.5) * res, north - (r + 0.5) * res);
    });
  const tiff = (vals: Float32Array, extra: Record<string, unknown> = {}) =>
    new Uint8Array(
      writeArrayBuffer(vals, {
        width: cols,
        height: rows,
        ModelPixelScale: [res, res, 0],
        ModelTiepoint: [0, 0, 0, west, north, 0],
        GTModelTypeGeoKey: 2,
        GeographicTypeGeoKey: 4326,
        SampleFormat: [3],
        BitsPerSample: [32],
        GDAL_NODATA: '-9999',
        ...extra,
      }),
    );

  it('samples pixel centres and interpolates between them', async () => {
    const g = await readGeoTiffDem(tiff(values()), 'dem.tif');
    expect(g.cols).toBe(cols);
    expect(g.west).toBeCloseTo(100.005, 12);
    expect(g.north).toBeCloseTo(25.995, 12);
    const rnd = mulberry32(9);
    for (let k = 0; k < 100; k++) {
      const lon = 100.005 + rnd() * 0.05;
      const lat = 25.955 + rnd() * 0.04;
      expect(g.sample(lon, lat)).toBeCloseTo(f(lon, lat), 3);
    }
    // The outer half pixel is covered (clamped to the edge samples); beyond it is not.
    expect(g.sample(100.001, 25.999)).toBeCloseTo(f(100.005, 25.995), 3);
    expect(g.sample(99.999, 25.99)).toBeNaN();
  });

  it('fills nodata cells from their neighbours and counts them', async () => {
    const g = await readGeoTiffDem(tiff(values(14)), 'dem.tif');
    expect(g.voidsFilled).toBe(1);
    const v = values();
    const around = [7, 8, 9, 13, 15, 19, 20, 21].map((i) => v[i]);
    expect(g.heights[14]).toBeCloseTo(around.reduce((a, b) => a + b) / 8, 3);
  });

  it('refuses projected rasters with the fix in the message', async () => {
    const t = tiff(values(), { GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32648 });
    await expect(readGeoTiffDem(t, 'utm.tif')).rejects.toThrow(/utm.tif.*EPSG:32648.*gdalwarp/);
    await expect(readGeoTiffDem(new Uint8Array([1, 2, 3, 4]), 'junk.tif')).rejects.toThrow(
      /junk.tif: not a readable GeoTIFF/,
    );
  });
});

describe('Dem', () => {
  it('takes a point from the finest grid that covers it', () => {
    const coarse = new DemGrid(new Float32Array(4).fill(10), 2, 2, 0, 1, 1, 1);
    const fine = new DemGrid(new Float32Array(4).fill(20), 2, 2, 0, 0.5, 0.5, 0.5);
    const dem = new Dem([coarse, fine]);
    expect(dem.elevationAt(0.25, 0.25)).toBe(20);
    expect(dem.elevationAt(0.75, 0.75)).toBe(10);
    expect(dem.elevationAt(2, 2)).toBeNaN();
    expect(() => new Dem([])).toThrow(/at least one grid/);
  });
});

/** Oracle: the same waves by brute force, a whole-grid sweep per wave. */
function naiveFill(h: Float32Array, cols: number, rows: number): number {
  let filled = 0;
  for (;;) {
    const next = Float32Array.from(h);
    let changed = 0;
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) {
        if (!Number.isNaN(h[r * cols + c])) continue;
        let sum = 0;
        let n = 0;
        for (let dr = -1; dr <= 1; dr++)
          for (let dc = -1; dc <= 1; dc++) {
            const rr = r + dr;
            const cc = c + dc;
            if (rr < 0 || cc < 0 || rr >= rows || cc >= cols) continue;
            const v = h[rr * cols + cc];
            if (!Number.isNaN(v)) {
              sum += v;
              n++;
            }
          }
        if (n > 0) {
          next[r * cols + c] = sum / n;
          changed++;
        }
      }
    if (changed === 0) return filled;
    filled += changed;
    h.set(next);
  }
}

describe('fillVoids', () => {
  for (let seed = 1; seed <= 30; seed++) {
    it(`matches the brute-force wave sweep, seed ${seed}`, () => {
      const rnd = mulberry32(seed);
      const cols = 1 + Math.floor(rnd() * 14);
      const rows = 1 + Math.floor(rnd() * 14);
      const share = rnd();
      const h = Float32Array.from({ length: cols * rows }, () =>
        rnd() < share ? Number.NaN : Math.round(rnd() * 3000),
      );
      if (h.every(Number.isNaN)) h[0] = 7;
      const lo = Math.min(...h.filter((v) => !Number.isNaN(v))); // spread-ok: ≤ 196 values
      const hi = Math.max(...h.filter((v) => !Number.isNaN(v))); // spread-ok: ≤ 196 values
      const voids = h.filter(Number.isNaN).length;
      const want = Float32Array.from(h);
      expect(fillVoids(h, cols, rows, 'test')).toBe(voids);
      expect(naiveFill(want, cols, rows)).toBe(voids);
      expect(h).toEqual(want);
      for (const v of h) {
        expect(v).toBeGreaterThanOrEqual(lo);
        expect(v).toBeLessThanOrEqual(hi);
      }
    });
  }
});
