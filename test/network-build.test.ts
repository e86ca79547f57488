import { geoDistance } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import { buildNetworkFromGeoJson, InputError, type RoadNetwork } from '../src/index';
import { EARTH_RADIUS_M } from '../src/engine';
import { drawnRoads, letterPositions } from './helpers/drawn-roads';

const T = `
  A---B---C
      |
      D
`;

function nodeAt(net: RoadNetwork, p: [number, number]): number {
  for (let i = 0; i < net.nodeCount; i++)
    if (net.nodeLon(i) === p[0] && net.nodeLat(i) === p[1]) return i;
  return -1;
}

/** Directed edges as "X>Y" letter pairs, sorted, for readable assertions. */
function edgeList(net: RoadNetwork, drawing: string): string[] {
  const names = new Map<number, string>();
  for (const [ch, p] of letterPositions(drawing)) {
    const i = nodeAt(net, p);
    if (i >= 0) names.set(i, ch);
  }
  const out: string[] = [];
  for (let u = 0; u < net.nodeCount; u++) {
    for (let e = net.arrays.firstEdge[u]; e < net.arrays.firstEdge[u + 1]; e++)
      out.push(`${names.get(u)}>${names.get(net.arrays.edgeTarget[e])}`);
  }
  return out.sort();
}

/** Oracle length of a polyline: d3-geo's great-arc distance (a different formula from ours). */
function oracleLengthM(coords: number[][]): number {
  let s = 0;
  for (let i = 1; i < coords.length; i++)
    s +=
      geoDistance(coords[i - 1] as [number, number], coords[i] as [number, number]) *
      EARTH_RADIUS_M;
  return s;
}

describe('buildNetworkFromGeoJson topology', () => {
  it('keeps a T junction and compacts nothing else', () => {
    const net = buildNetworkFromGeoJson(drawnRoads(T, [['ABC'], ['BD']]), { profile: 'car' });
    expect(net.nodeCount).toBe(4);
    expect(edgeList(net, T)).toEqual(['A>B', 'B>A', 'B>C', 'B>D', 'C>B', 'D>B']);
  });

  it('merges a degree-2 chain across two ways into one link with the full geometry', () => {
    const net = buildNetworkFromGeoJson(drawnRoads(T, [['AB'], ['BC']]), { profile: 'car' });
    expect(net.nodeCount).toBe(2);
    expect(net.linkCount).toBe(1);
    expect(edgeList(net, T)).toEqual(['A>C', 'C>A']);
    const pos = letterPositions(T);
    const coords = net.linkCoordinates(0);
    expect(coords.length).toBe(3);
    expect([coords[0], coords[2]].map(String).sort()).toEqual(
      [pos.get('A'), pos.get('C')].map(String).sort(),
    );
    expect(coords[1]).toEqual(pos.get('B'));
    expect(net.arrays.linkLengthM[0]).toBeCloseTo(
      oracleLengthM([pos.get('A')!, pos.get('B')!, pos.get('C')!]),
      6,
    );
    // 25 km/h residential: time = length / (25 / 3.6)
    expect(net.arrays.edgeTimeS[0]).toBeCloseTo(net.arrays.linkLengthM[0] / (25 / 3.6), 9);
  });

  it('merges ways drawn head to head (one reversed) when both are two-way', () => {
    const net = buildNetworkFromGeoJson(drawnRoads(T, [['AB'], ['CB']]), { profile: 'car' });
    expect(edgeList(net, T)).toEqual(['A>C', 'C>A']);
  });

  it('merges consistent one-ways and keeps them one-way', () => {
    const net = buildNetworkFromGeoJson(
      drawnRoads(T, [
        ['AB', { oneway: 'yes' }],
        ['CB', { oneway: '-1' }],
      ]),
      { profile: 'car' },
    );
    expect(edgeList(net, T)).toEqual(['A>C']);
  });

  it('never merges across a change of allowed direction', () => {
    const net = buildNetworkFromGeoJson(drawnRoads(T, [['AB', { oneway: 'yes' }], ['BC']]), {
      profile: 'car',
    });
    expect(net.nodeCount).toBe(3);
    expect(edgeList(net, T)).toEqual(['A>B', 'B>C', 'C>B']);
  });

  it('never merges opposing one-ways', () => {
    const net = buildNetworkFromGeoJson(
      drawnRoads(T, [
        ['AB', { oneway: 'yes' }],
        ['BC', { oneway: '-1' }],
      ]),
      { profile: 'car' },
    );
    expect(edgeList(net, T)).toEqual(['A>B', 'C>B']);
  });

  it('never merges across a change of road class, so length by class stays exact', () => {
    const net = buildNetworkFromGeoJson(drawnRoads(T, [['AB'], ['BC', { highway: 'tertiary' }]]), {
      profile: 'car',
    });
    expect(net.nodeCount).toBe(3);
    const s = net.stats();
    expect(Object.keys(s.lengthKmByClass).sort()).toEqual(['residential', 'tertiary']);
  });

  it('makes a vertex shared inside two lines a junction', () => {
    const X = `
      . . A . .
      C . B . D
      . . E . .
    `;
    const net = buildNetworkFromGeoJson(drawnRoads(X, [['ABE'], ['CBD']]), { profile: 'walk' });
    expect(net.nodeCount).toBe(5);
    expect(net.edgeCount).toBe(8);
  });

  it('keeps an isolated ring as one loop link on one node', () => {
    const R = `
      A---B
      |   |
      D---C
    `;
    const net = buildNetworkFromGeoJson(drawnRoads(R, [['ABCDA']]), { profile: 'car' });
    expect(net.nodeCount).toBe(1);
    expect(net.linkCount).toBe(1);
    expect(net.linkCoordinates(0).length).toBe(5);
    expect(net.components('strong').count).toBe(1);
  });

  it('never merges across a change of pace, so a fraction of a link is that fraction of its time', () => {
    const net = buildNetworkFromGeoJson(drawnRoads(T, [['AB', { maxspeed: '20' }], ['BC']]), {
      profile: 'car',
    });
    expect(net.nodeCount).toBe(3);
    expect(net.linkCount).toBe(2);
    const kmh = [...Array(net.linkCount).keys()]
      .map((l) => (net.arrays.linkLengthM[l] / net.linkTimeS(l, true)) * 3.6)
      .sort((a, b) => a - b);
    expect(kmh[0]).toBeCloseTo(20 * 0.85, 9);
    expect(kmh[1]).toBeCloseTo(25, 9);
  });

  it('drops a position repeated back to back: the network is byte-identical without it', () => {
    const once = buildNetworkFromGeoJson(drawnRoads(T, [['ABC'], ['BD']]), { profile: 'car' });
    const twice = buildNetworkFromGeoJson(drawnRoads(T, [['ABBC'], ['BDD']]), { profile: 'car' });
    expect(Buffer.from(twice.toBuffer()).equals(Buffer.from(once.toBuffer()))).toBe(true);
  });

  it('keeps a ring hanging off a junction as one loop link on that junction', () => {
    const R = `
      E---A---B
          |   |
          D---C
    `;
    const net = buildNetworkFromGeoJson(drawnRoads(R, [['EA'], ['ABCDA']]), { profile: 'car' });
    expect(net.nodeCount).toBe(2);
    expect(net.linkCount).toBe(2);
    expect(edgeList(net, R)).toEqual(['A>A', 'A>A', 'A>E', 'E>A']);
  });

  it('keeps one node on a ring of two ways joined end to end at both ends', () => {
    const R = `
      A---B
      |   |
      D---C
    `;
    const net = buildNetworkFromGeoJson(drawnRoads(R, [['ABC'], ['CDA']]), { profile: 'car' });
    expect(net.nodeCount).toBe(1);
    expect(net.linkCount).toBe(1);
    const coords = net.linkCoordinates(0);
    expect(coords.length).toBe(5);
    expect(coords[4]).toEqual(coords[0]);
    expect(net.arrays.linkLengthM[0]).toBeCloseTo(
      oracleLengthM(['A', 'B', 'C', 'D', 'A'].map((ch) => letterPositions(R).get(ch)!)),
      6,
    );
  });

  it('drives a roundabout one way only, and walks it both ways', () => {
    const R = `
      E   A---B
          |   |
          D---C   F
    `;
    const ways: [string, Record<string, string>][] = [
      ['ABCDA', { junction: 'roundabout' }],
      ['EA', {}],
      ['FC', {}],
    ];
    const byCar = buildNetworkFromGeoJson(drawnRoads(R, ways), { profile: 'car' });
    expect(edgeList(byCar, R)).toEqual(['A>C', 'A>E', 'C>A', 'C>F', 'E>A', 'F>C']);
    const onFoot = buildNetworkFromGeoJson(drawnRoads(R, ways), { profile: 'walk' });
    expect(edgeList(onFoot, R)).toEqual(['A>C', 'A>C', 'A>E', 'C>A', 'C>A', 'C>F', 'E>A', 'F>C']);
  });

  it('reads oneway yes/1/true/-1 and lets walking ignore them', () => {
    for (const v of ['yes', '1', 'true']) {
      expect(
        edgeList(
          buildNetworkFromGeoJson(drawnRoads(T, [['ABC', { oneway: v }]]), { profile: 'car' }),
          T,
        ),
      ).toEqual(['A>C']);
    }
    expect(
      edgeList(
        buildNetworkFromGeoJson(drawnRoads(T, [['ABC', { oneway: '-1' }]]), { profile: 'car' }),
        T,
      ),
    ).toEqual(['C>A']);
    expect(
      edgeList(
        buildNetworkFromGeoJson(drawnRoads(T, [['ABC', { oneway: 'yes' }]]), { profile: 'walk' }),
        T,
      ),
    ).toEqual(['A>C', 'C>A']);
  });

  it('uses maxspeed (km/h and mph) scaled by the profile factor and degrades zone codes to the class speed', () => {
    const time = (tags: Record<string, string>) => {
      const net = buildNetworkFromGeoJson(
        drawnRoads(T, [['AB', { highway: 'primary', ...tags }]]),
        { profile: 'car' },
      );
      return {
        kmh: (net.arrays.linkLengthM[0] / net.arrays.edgeTimeS[0]) * 3.6,
        warnings: net.meta.warnings.map((w) => w.code),
      };
    };
    expect(time({}).kmh).toBeCloseTo(65, 9);
    expect(time({ maxspeed: '80' }).kmh).toBeCloseTo(80 * 0.85, 9);
    expect(time({ maxspeed: '40 mph' }).kmh).toBeCloseTo(40 * 1.609344 * 0.85, 9);
    const zone = time({ maxspeed: 'CN:rural' });
    expect(zone.kmh).toBeCloseTo(65, 9);
    expect(zone.warnings).toEqual(['maxspeed-degraded']);
  });

  it('takes a ferry crossing time from duration', () => {
    const net = buildNetworkFromGeoJson(
      drawnRoads(T, [['ABC', { route: 'ferry', highway: '', duration: '00:45' }]]),
      { profile: 'car' },
    );
    expect(net.arrays.edgeTimeS[0]).toBeCloseTo(2700, 9);
    expect(net.meta.classNames).toEqual(['ferry']);
  });

  it('skips closed, unknown and non-line features and counts each reason', () => {
    const fc = drawnRoads(T, [
      ['AB'],
      ['BC', { access: 'private' }],
      ['BD', { highway: 'footway' }],
      ['AD', { highway: 'raceway' }],
      ['CD', { highway: 'hghway_typo' }],
    ]);
    fc.features.push({
      type: 'Feature',
      properties: {},
      geometry: { type: 'Point', coordinates: [0, 0] },
    } as never);
    const net = buildNetworkFromGeoJson(fc, { profile: 'car' });
    const counts = Object.fromEntries(net.meta.warnings.map((w) => [w.code, w.count]));
    expect(counts).toEqual({
      'access-denied': 1,
      'highway-not-routable': 2,
      'highway-unknown': 1,
      'non-line-geometry': 1,
    });
    const s = net.stats();
    expect(s.inputWays).toBe(6);
    expect(s.usedWays).toBe(1);
    expect(s.skippedWays).toBe(5);
    // `foot=yes` reopens a footway closed by access=no for walking
    const walk = buildNetworkFromGeoJson(
      drawnRoads(T, [['AB', { highway: 'footway', access: 'no', foot: 'yes' }]]),
      { profile: 'walk' },
    );
    expect(walk.edgeCount).toBe(2);
  });

  it('accepts a cost function with per-direction seconds', () => {
    const net = buildNetworkFromGeoJson(drawnRoads(T, [['ABC', { anything: 1 }], ['BD']]), {
      cost: (f, lengthM) => (f.id === 'w0' ? { forward: 100, backward: null } : lengthM),
    });
    expect(edgeList(net, T)).toEqual(['A>B', 'B>C', 'B>D', 'D>B']);
    const ab = net.arrays.edgeTimeS.find(
      (_, e) =>
        net.arrays.linkLengthM[net.arrays.edgeLink[e] >>> 1] > 0 && net.arrays.edgeLink[e] === 0,
    );
    expect(ab).toBeCloseTo(50, 9); // A-B is half the length of A-B-C
  });
});

describe('buildNetworkFromGeoJson bad input', () => {
  const line = (coordinates: unknown) => ({
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        id: 'road-7',
        properties: { highway: 'primary' },
        geometry: { type: 'LineString', coordinates },
      },
    ],
  });

  it('names the feature and hints at swapped lon/lat', () => {
    expect(() =>
      buildNetworkFromGeoJson(
        line([
          [25.0, 100.0],
          [25.1, 100.0],
        ]),
      ),
    ).toThrowError(/feature #0 \(id "road-7"\), position 0: \[25, 100\].*looks like \[lat, lon\]/);
  });

  it('rejects NaN, strings and short positions with the value', () => {
    expect(() =>
      buildNetworkFromGeoJson(
        line([
          [Number.NaN, 1],
          [2, 2],
        ]),
      ),
    ).toThrowError(InputError);
    expect(() =>
      buildNetworkFromGeoJson(
        line([
          [1, 1],
          ['2', 2],
        ]),
      ),
    ).toThrowError(/position 1: coordinates must be finite numbers, got \["2",2\]/);
    expect(() => buildNetworkFromGeoJson(line([[1, 1], [2]]))).toThrowError(
      /expected \[lon, lat\], got \[2\]/,
    );
  });

  it('rejects what is not a FeatureCollection', () => {
    expect(() => buildNetworkFromGeoJson({ type: 'Topology' })).toThrowError(
      /expected a GeoJSON FeatureCollection, got type "Topology"/,
    );
    expect(() => buildNetworkFromGeoJson(null)).toThrowError(InputError);
  });

  it('says why when nothing is routable', () => {
    const fc = drawnRoads(T, [['AB', { highway: 'footway' }]]);
    try {
      buildNetworkFromGeoJson(fc, { profile: 'car' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).code).toBe('no-routable-edge');
      expect((e as Error).message).toMatch(
        /1 input ways\/features, none usable by profile "car" \(1 highway-not-routable\)/,
      );
    }
  });

  it('rejects an unknown profile name', () => {
    expect(() =>
      buildNetworkFromGeoJson(drawnRoads(T, [['AB']]), { profile: 'horse' as never }),
    ).toThrowError(/unknown profile "horse"/);
  });
});
