import { geoDistance } from 'd3-geo';
import type { Feature, FeatureCollection, LineString } from 'geojson';
import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_M, NETWORK_FORMAT_VERSION } from '../src/engine';
import { hilbert16 } from '../src/geo/hilbert';
import { buildNetworkFromGeoJson, FormatError, RoadNetwork } from '../src/index';
import { mulberry32 } from './helpers/random';

const SPEED: Record<string, number> = { residential: 25, tertiary: 45 };
const G = 6; // grid side

/** Random ways walking over a G×G grid: one-ways both senses, two classes, overlaps and loops. */
function randomRoads(seed: number): FeatureCollection<LineString> {
  const rnd = mulberry32(seed);
  const features: Feature<LineString>[] = [];
  const ways = 3 + Math.floor(rnd() * 12);
  for (let w = 0; w < ways; w++) {
    let x = Math.floor(rnd() * G);
    let y = Math.floor(rnd() * G);
    const coords: [number, number][] = [[x * 0.002, y * 0.002]];
    const steps = 1 + Math.floor(rnd() * 6);
    for (let s = 0; s < steps; s++) {
      const d = Math.floor(rnd() * 4);
      const nx = Math.min(G - 1, Math.max(0, x + (d === 0 ? 1 : d === 1 ? -1 : 0)));
      const ny = Math.min(G - 1, Math.max(0, y + (d === 2 ? 1 : d === 3 ? -1 : 0)));
      if (nx === x && ny === y) continue;
      x = nx;
      y = ny;
      coords.push([x * 0.002, y * 0.002]);
    }
    if (coords.length < 2) continue;
    const r = rnd();
    const oneway = r < 0.2 ? 'yes' : r < 0.3 ? '-1' : 'no';
    features.push({
      type: 'Feature',
      properties: { highway: rnd() < 0.7 ? 'residential' : 'tertiary', oneway },
      geometry: { type: 'LineString', coordinates: coords },
    });
  }
  return { type: 'FeatureCollection', features };
}

const key = (p: number[]) => `${p[0].toFixed(7)},${p[1].toFixed(7)}`;
const dist = (a: number[], b: number[]) =>
  geoDistance(a as [number, number], b as [number, number]) * EARTH_RADIUS_M;

/** All-pairs shortest times by Floyd–Warshall over an explicit edge list. */
function floydWarshall(n: number, edges: [number, number, number][]): Float64Array {
  const d = new Float64Array(n * n).fill(Infinity);
  for (let i = 0; i < n; i++) d[i * n + i] = 0;
  for (const [a, b, t] of edges) if (t < d[a * n + b]) d[a * n + b] = t;
  for (let k = 0; k < n; k++)
    for (let i = 0; i < n; i++) {
      const dik = d[i * n + k];
      if (dik === Infinity) continue;
      for (let j = 0; j < n; j++)
        if (dik + d[k * n + j] < d[i * n + j]) d[i * n + j] = dik + d[k * n + j];
    }
  return d;
}

describe('network build properties on random roads', () => {
  for (let seed = 1; seed <= 60; seed++) {
    it(`seed ${seed}: compaction keeps length, time and every shortest time between nodes`, () => {
      const roads = randomRoads(seed);
      const net = buildNetworkFromGeoJson(roads, { profile: 'car' });

      // Oracle: the uncompacted segment graph, built here directly from the features.
      const ids = new Map<string, number>();
      const id = (p: number[]) => {
        const k = key(p);
        if (!ids.has(k)) ids.set(k, ids.size);
        return ids.get(k)!;
      };
      const rawEdges: [number, number, number][] = [];
      let totalLen = 0;
      let totalFwd = 0;
      for (const f of roads.features) {
        const pace = 3.6 / SPEED[f.properties!.highway];
        const ow = f.properties!.oneway;
        const c = f.geometry.coordinates;
        for (let i = 1; i < c.length; i++) {
          const len = dist(c[i - 1], c[i]);
          totalLen += len;
          if (ow !== '-1') {
            rawEdges.push([id(c[i - 1]), id(c[i]), len * pace]);
            totalFwd += len * pace;
          }
          if (ow !== 'yes') {
            rawEdges.push([id(c[i]), id(c[i - 1]), len * pace]);
            totalFwd += len * pace;
          }
        }
      }
      let netLen = 0;
      for (let l = 0; l < net.linkCount; l++) netLen += net.arrays.linkLengthM[l];
      expect(netLen).toBeCloseTo(totalLen, 6);
      let netTime = 0;
      for (let e = 0; e < net.edgeCount; e++) netTime += net.arrays.edgeTimeS[e];
      expect(netTime).toBeCloseTo(totalFwd, 6);

      // Geometry of every link is a chain of grid points whose summed length is the link length.
      for (let l = 0; l < net.linkCount; l++) {
        const c = net.linkCoordinates(l);
        let s = 0;
        for (let i = 1; i < c.length; i++) s += dist(c[i - 1], c[i]);
        expect(s).toBeCloseTo(net.arrays.linkLengthM[l], 6);
        expect(key(c[0])).toBe(
          key([net.nodeLon(net.arrays.linkFrom[l]), net.nodeLat(net.arrays.linkFrom[l])]),
        );
        expect(key(c[c.length - 1])).toBe(
          key([net.nodeLon(net.arrays.linkTo[l]), net.nodeLat(net.arrays.linkTo[l])]),
        );
      }

      const raw = floydWarshall(ids.size, rawEdges);
      const netEdges: [number, number, number][] = [];
      for (let u = 0; u < net.nodeCount; u++)
        for (let e = net.arrays.firstEdge[u]; e < net.arrays.firstEdge[u + 1]; e++)
          netEdges.push([u, net.arrays.edgeTarget[e], net.arrays.edgeTimeS[e]]);
      const comp = floydWarshall(net.nodeCount, netEdges);
      const rawOf = Array.from(
        { length: net.nodeCount },
        (_, i) => ids.get(key([net.nodeLon(i), net.nodeLat(i)]))!,
      );
      for (let i = 0; i < net.nodeCount; i++)
        for (let j = 0; j < net.nodeCount; j++) {
          const a = comp[i * net.nodeCount + j];
          const b = raw[rawOf[i] * ids.size + rawOf[j]];
          if (b === Infinity) expect(a).toBe(Infinity);
          else expect(a).toBeCloseTo(b, 6);
        }

      // Components against reachability from the Floyd–Warshall matrix.
      const strong = net.components('strong');
      const weak = net.components('weak');
      const reach = (i: number, j: number) => comp[i * net.nodeCount + j] < Infinity;
      for (let i = 0; i < net.nodeCount; i++)
        for (let j = 0; j < net.nodeCount; j++) {
          expect(strong.label[i] === strong.label[j]).toBe(reach(i, j) && reach(j, i));
          if (reach(i, j)) expect(weak.label[i]).toBe(weak.label[j]);
        }
      expect([...strong.sizes].reduce((a, b) => a + b, 0)).toBe(net.nodeCount);
      for (let k = 1; k < strong.count; k++)
        expect(strong.sizes[k]).toBeLessThanOrEqual(strong.sizes[k - 1]);

      // The buffer round trip restores every array bit for bit and the metadata.
      const back = RoadNetwork.fromBuffer(net.toBuffer());
      for (const [name, arr] of Object.entries(net.arrays)) {
        expect(
          Array.from(back.arrays[name as keyof typeof net.arrays] as ArrayLike<number>),
          name,
        ).toEqual(Array.from(arr as ArrayLike<number>));
      }
      expect(back.meta).toEqual(net.meta);
      expect(back.stats()).toEqual(net.stats());
    });
  }

  it('numbers nodes along the Hilbert curve over their bounding box', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const net = buildNetworkFromGeoJson(randomRoads(seed));
      const xy = Array.from(net.arrays.nodeE7);
      const xs = xy.filter((_, i) => i % 2 === 0);
      const ys = xy.filter((_, i) => i % 2 === 1);
      const [minX, minY] = [Math.min(...xs), Math.min(...ys)];
      const sx = 65535 / Math.max(1, Math.max(...xs) - minX);
      const sy = 65535 / Math.max(1, Math.max(...ys) - minY);
      const keys = xs.map((x, i) =>
        hilbert16(Math.floor((x - minX) * sx), Math.floor((ys[i] - minY) * sy)),
      );
      for (let i = 1; i < keys.length; i++) expect(keys[i]).toBeGreaterThanOrEqual(keys[i - 1]);
    }
  });

  it('is deterministic: the same input gives a byte-identical buffer', () => {
    const a = new Uint8Array(buildNetworkFromGeoJson(randomRoads(7)).toBuffer());
    const b = new Uint8Array(buildNetworkFromGeoJson(randomRoads(7)).toBuffer());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('reverse adjacency lists exactly the forward edges, by target', () => {
    const net = buildNetworkFromGeoJson(randomRoads(11));
    const rev = net.reverse();
    const fwd: string[] = [];
    for (let u = 0; u < net.nodeCount; u++)
      for (let e = net.arrays.firstEdge[u]; e < net.arrays.firstEdge[u + 1]; e++)
        fwd.push(`${e}:${u}>${net.arrays.edgeTarget[e]}@${net.arrays.edgeTimeS[e]}`);
    const back: string[] = [];
    for (let v = 0; v < net.nodeCount; v++)
      for (let k = rev.firstEdge[v]; k < rev.firstEdge[v + 1]; k++)
        back.push(`${rev.forwardEdge[k]}:${rev.edgeSource[k]}>${v}@${rev.edgeTimeS[k]}`);
    expect(back.sort()).toEqual(fwd.sort());
    expect(net.reverse()).toBe(rev); // cached
  });
});

describe('network buffer errors', () => {
  const buf = () => new Uint8Array(buildNetworkFromGeoJson(randomRoads(3)).toBuffer());

  it('rejects a wrong magic', () => {
    const b = buf();
    b[0] = 'X'.charCodeAt(0);
    expect(() => RoadNetwork.fromBuffer(b)).toThrowError(
      /not a servicereach network: expected magic "SRNET" but found "XRNET/,
    );
  });

  it('rejects another format version', () => {
    const b = buf();
    new DataView(b.buffer).setUint32(8, NETWORK_FORMAT_VERSION + 1, true);
    expect(() => RoadNetwork.fromBuffer(b)).toThrowError(
      new RegExp(`network format version ${NETWORK_FORMAT_VERSION + 1} is not supported`),
    );
  });

  it('rejects a truncated buffer at any length', () => {
    const b = buf();
    for (const len of [0, 4, 12, 20, 100, b.length - 8]) {
      expect(() => RoadNetwork.fromBuffer(b.slice(0, len)), `length ${len}`).toThrowError(
        FormatError,
      );
    }
  });

  it('reads a buffer that sits at an unaligned offset', () => {
    const b = buf();
    const padded = new Uint8Array(b.length + 3);
    padded.set(b, 3);
    expect(RoadNetwork.fromBuffer(padded.subarray(3)).nodeCount).toBe(
      RoadNetwork.fromBuffer(b).nodeCount,
    );
  });
});
