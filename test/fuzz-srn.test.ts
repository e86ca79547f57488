// The .srn format under damage: byte damage anywhere is caught by the CRC-32, damage resealed with
// a fresh checksum by the range checks (or it yields a network whose searches end), and a version-1
// file is refused with the rebuild advice. Plus the parts: the CRC against zlib's, the section
// table's optional sections, and checkNetwork on hand-broken arrays.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../src/errors';
import { crc32 } from '../src/inputs/crc32';
import { buildNetworkFromGeoJson } from '../src/network/build';
import { decodeNetwork, encodeNetwork } from '../src/network/network-buffer';
import { checkNetwork } from '../src/network/network-checks';
import { RoadNetwork } from '../src/network/road-network';
import { runCampaign } from './helpers/fuzz';
import { mulberry32 } from './helpers/random';
import { randomRoads } from './helpers/random-roads';

describe('fuzzing .srn files (seeded, in a child process killed on a hang)', () => {
  it('gives a named error naming the file or the identical network, never a crash or a different answer', () => {
    const r = runCampaign('srn', 60, 15);
    expect(r.crashes).toEqual([]);
    expect(r.different).toEqual([]);
    expect(r.tried).toBe(65);
    expect(r.byCode['unsupported-network-version']).toBe(1);
    expect(r.named).toBeGreaterThan(40);
  });
});

describe('fuzzing .srn files with a contraction hierarchy (seeded, in a child process)', () => {
  it('damage to the hierarchy sections is a named error or an identical hierarchy; resealed damage is caught by its range checks or gives searches that end', () => {
    const r = runCampaign('srn-ch', 60, 16);
    expect(r.crashes).toEqual([]);
    expect(r.different).toEqual([]);
    // 60 damaged copies, 20 aimed at the hierarchy, the version-1 file, and those of the four
    // impossible-header edits that fit the header's padding (how many depends on the layout).
    expect(r.tried).toBeGreaterThanOrEqual(81);
    expect(r.named).toBeGreaterThan(40);
  });
});

describe('crc32', () => {
  it('equals zlib.crc32 (Python, the peer) on seeded inputs of every length up to 64 and a large one', () => {
    const rnd = mulberry32(7);
    const inputs = Array.from({ length: 65 }, (_, n) =>
      Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256)),
    );
    inputs.push(Uint8Array.from({ length: 100_003 }, () => Math.floor(rnd() * 256)));
    const hex = inputs.map((b) => Buffer.from(b).toString('hex')).join('\n');
    const peer = execFileSync(
      '/usr/bin/python3',
      [
        '-c',
        'import sys,zlib\nfor l in sys.stdin.read().split("\\n"): print(zlib.crc32(bytes.fromhex(l)))',
      ],
      { input: hex, encoding: 'utf8', maxBuffer: 1 << 24 },
    )
      .trim()
      .split('\n')
      .map(Number);
    expect(inputs.map((b) => crc32(b))).toEqual(peer);
    // continuing a running value equals one pass
    const big = inputs[64];
    expect(crc32(big.subarray(5), crc32(big.subarray(0, 5)))).toBe(crc32(big));
  });
});

describe('the .srn section table', () => {
  const net = buildNetworkFromGeoJson(randomRoads(4));

  it('carries optional sections by name, covered by the checksum, and a reader hands them back', () => {
    const ch = Uint32Array.of(3, 1, 4, 1, 5);
    const elevation = Float64Array.of(812.5, 790);
    const buf = new Uint8Array(encodeNetwork(net, false, { ch, elevation }));
    const { arrays, extra } = decodeNetwork(buf);
    expect(extra.ch).toEqual(ch);
    expect(extra.elevation).toEqual(elevation);
    expect(arrays.edgeTarget).toEqual(net.arrays.edgeTarget);
    // older readers ignore them: RoadNetwork.fromBuffer reads the same network
    expect(RoadNetwork.fromBuffer(buf).edgeCount).toBe(net.edgeCount);
    const flipped = buf.slice();
    flipped[flipped.length - 3] ^= 1; // inside the last optional section
    expect(() => decodeNetwork(flipped)).toThrowError(/checksum mismatch/);
  });

  it('refuses an optional section under a reserved name', () => {
    expect(() => encodeNetwork(net, false, { edgeTarget: new Uint32Array(1) })).toThrowError(
      FormatError,
    );
  });

  it('refuses version-1 and version-2 files with the rebuild advice', () => {
    for (const v of [1, 2]) {
      const b = new Uint8Array(net.toBuffer());
      new DataView(b.buffer).setUint32(8, v, true);
      expect(() => RoadNetwork.fromBuffer(b)).toThrowError(
        new RegExp(`version ${v} .*older release.*rebuild it .*servicereach network`),
      );
    }
  });

  it('damage to the geometry stream, resealed with a fresh checksum, is named or reads on the globe (seeded)', () => {
    // Winding roads (random walks of 40 vertices a few metres apart): a long geometry stream.
    const rnd = mulberry32(21);
    const features = Array.from({ length: 12 }, () => {
      let x = 1.5 + rnd() * 0.01;
      let y = 42.5 + rnd() * 0.01;
      const coordinates = Array.from({ length: 40 }, () => {
        x += (rnd() - 0.5) * 0.001;
        y += (rnd() - 0.5) * 0.001;
        return [x, y];
      });
      return {
        type: 'Feature' as const,
        properties: { highway: 'residential' },
        geometry: { type: 'LineString' as const, coordinates },
      };
    });
    const winding = buildNetworkFromGeoJson({ type: 'FeatureCollection', features });
    const good = new Uint8Array(winding.toBuffer());
    const { geomDelta } = decodeNetwork(good).arrays;
    expect(geomDelta.length).toBeGreaterThan(1000);
    const verdicts = { named: 0, read: 0 };
    for (let trial = 0; trial < 400; trial++) {
      const b = good.slice();
      const flips = 1 + Math.floor(rnd() * 3);
      for (let f = 0; f < flips; f++) {
        const at = geomDelta.byteOffset + Math.floor(rnd() * geomDelta.length);
        b[at] = rnd() < 0.5 ? b[at] ^ (1 << Math.floor(rnd() * 8)) : Math.floor(rnd() * 256);
      }
      new DataView(b.buffer).setUint32(16, crc32(b.subarray(20)), true);
      let got: RoadNetwork;
      try {
        got = RoadNetwork.fromBuffer(b);
      } catch (e) {
        expect(e).toBeInstanceOf(FormatError);
        expect((e as FormatError).message).toMatch(/corrupt network: link \d+'s geometry/);
        verdicts.named++;
        continue;
      }
      // Accepted: every link still reads, on the globe, with as many positions as it has bytes allow.
      for (let l = 0; l < got.linkCount; l++)
        for (const [lon, lat] of got.linkCoordinates(l))
          expect(Math.abs(lon) <= 180 && Math.abs(lat) <= 90).toBe(true);
      verdicts.read++;
    }
    expect(verdicts.named).toBeGreaterThan(100);
    expect(verdicts.read).toBeGreaterThan(10);
  });
});

describe('checkNetwork', () => {
  const net = buildNetworkFromGeoJson(randomRoads(5));
  const broken = (
    edit: (a: Record<string, ArrayLike<number> & { [i: number]: number }>) => void,
  ) => {
    const arrays = Object.fromEntries(
      Object.entries(net.arrays).map(([k, v]) => [k, v.slice()]),
    ) as unknown as Record<string, ArrayLike<number> & { [i: number]: number }>;
    edit(arrays);
    return () => checkNetwork(arrays as never, net.meta);
  };

  it('accepts a built network', () => {
    expect(() => checkNetwork(net.arrays, net.meta)).not.toThrow();
  });

  it.each([
    ['an edge target out of range', (a) => (a.edgeTarget[0] = 1e6), /edgeTarget\[0\] = 1000000/],
    ['a negative time', (a) => (a.edgeTimeS[1] = -1), /edgeTimeS\[1\] = -1/],
    ['a NaN time', (a) => (a.edgeTimeS[1] = Number.NaN), /edgeTimeS\[1\] = NaN/],
    ['an infinite length', (a) => (a.linkLengthM[0] = Infinity), /linkLengthM\[0\]/],
    ['a decreasing firstEdge', (a) => (a.firstEdge[1] = 1e6), /firstEdge/],
    ['a link end out of range', (a) => (a.linkTo[0] = 1e6), /linkTo\[0\]/],
    ['a node off the globe', (a) => (a.nodeE7[1] = 910_000_000), /node 0 lies at \(.*, 91\)/],
    [
      'geometry offsets past the stream',
      (a) => (a.geomOffset[a.geomOffset.length - 1] += 1),
      /geomOffset ends at/,
    ],
    [
      'a geometry stream cut inside a number',
      (a) => (a.geomDelta[a.geomDelta.length - 1] |= 128),
      /geometry ends inside a number/,
    ],
    ['a road class with no name', (a) => (a.linkClass[0] = 200), /linkClass\[0\] = 200/],
  ] as [string, (a: Record<string, { [i: number]: number; length: number }>) => void, RegExp][])(
    'refuses %s',
    (_, edit, message) => {
      expect(broken(edit)).toThrowError(message);
    },
  );

  it('refuses impossible header values such as accessKmh 0', () => {
    for (const meta of [
      { ...net.meta, accessKmh: 0 },
      { ...net.meta, accessKmh: Number.NaN },
      { ...net.meta, profile: '' },
      { ...net.meta, classNames: [1] },
      { ...net.meta, usedWays: -1 },
    ])
      expect(() => checkNetwork(net.arrays, meta as never), JSON.stringify(meta)).toThrowError(
        FormatError,
      );
  });
});
