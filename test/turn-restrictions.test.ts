import { describe, expect, it } from 'vitest';
import { buildNetworkFromOsm, nearestFacilities, travelTimeMatrix } from '../src/index';
import { haversineM } from '../src/geo/distance';
import { carRestriction } from '../src/network/turn-restrictions';
import { mulberry32 } from './helpers/random';

type Tags = Record<string, string>;
interface Osm {
  nodes: Map<number, [number, number]>;
  ways: { id: number; refs: number[]; tags: Tags }[];
  restrictions: { id: number; from: number; via: number; to: number; value: string }[];
}

function toXml(o: Osm): Uint8Array {
  const t = (tags: Tags) =>
    Object.entries(tags)
      .map(([k, v]) => `<tag k="${k}" v="${v}"/>`)
      .join('');
  const lines = ['<?xml version="1.0"?><osm version="0.6">'];
  for (const [id, [lon, lat]] of o.nodes)
    lines.push(`<node id="${id}" lon="${lon}" lat="${lat}"/>`);
  for (const w of o.ways)
    lines.push(
      `<way id="${w.id}">${w.refs.map((r) => `<nd ref="${r}"/>`).join('')}${t(w.tags)}</way>`,
    );
  for (const r of o.restrictions)
    lines.push(
      `<relation id="${r.id}"><member type="way" ref="${r.from}" role="from"/><member type="node" ref="${r.via}" role="via"/><member type="way" ref="${r.to}" role="to"/>${t({ type: 'restriction', restriction: r.value })}</relation>`,
    );
  lines.push('</osm>');
  return new TextEncoder().encode(lines.join('\n'));
}

/**
 * Brute-force edge-expanded model of the raw OSM ways: states are (vertex, vertex came from);
 * a move from v to q along a way segment is allowed if the way may be travelled that way, is not
 * a U-turn at a vertex inside a way (the network allows U-turns only at its nodes: junctions and
 * dead ends), and the turn from the way arrived on to the way left on is not restricted at v.
 * Times are haversine metres × the car pace of residential roads.
 */
function oracleTimes(o: Osm, pace: number, sources: number[], targets: number[]): number[][] {
  const adj = new Map<number, { to: number; way: number; open: boolean }[]>();
  const add = (a: number, b: number, way: number, open: boolean) => {
    if (!adj.has(a)) adj.set(a, []);
    adj.get(a)!.push({ to: b, way, open });
  };
  const uses = new Map<number, number>();
  for (const w of o.ways) {
    const oneway = w.tags.oneway === 'yes';
    for (let i = 0; i + 1 < w.refs.length; i++) {
      add(w.refs[i], w.refs[i + 1], w.id, true);
      add(w.refs[i + 1], w.refs[i], w.id, !oneway);
    }
    for (const r of w.refs) uses.set(r, (uses.get(r) ?? 0) + 1);
  }
  const node = (v: number) => (adj.get(v)?.length ?? 0) !== 2 || uses.get(v)! > 1;
  const allowed = (fromWay: number, v: number, toWay: number) => {
    for (const r of o.restrictions) {
      if (r.via !== v || r.from !== fromWay) continue;
      const only = carRestriction({ restriction: r.value }) === 'only';
      if (only ? r.to !== toWay : r.to === toWay) return false;
    }
    return true;
  };
  const segT = (a: number, b: number) => {
    const [x1, y1] = o.nodes.get(a)!;
    const [x2, y2] = o.nodes.get(b)!;
    return haversineM(x1, y1, x2, y2) * pace;
  };
  return sources.map((s) => {
    // state key: v * 1e6 + prev (prev = 0 at the start)
    const dist = new Map<number, number>([[s * 1e6, 0]]);
    const wayOf = new Map<number, number>();
    const done = new Set<number>();
    const best = new Map<number, number>([[s, 0]]);
    for (;;) {
      let k = -1;
      let d = Infinity;
      for (const [key, t] of dist) if (!done.has(key) && t < d) [k, d] = [key, t];
      if (k < 0) break;
      done.add(k);
      const v = Math.floor(k / 1e6);
      const prev = k % 1e6;
      for (const e of adj.get(v) ?? []) {
        if (!e.open) continue;
        if (prev !== 0) {
          if (e.to === prev && !node(v)) continue;
          if (node(v) && !allowed(wayOf.get(k)!, v, e.way)) continue;
        }
        const key = e.to * 1e6 + v;
        const t = d + segT(v, e.to);
        if (t < (dist.get(key) ?? Infinity)) {
          dist.set(key, t);
          wayOf.set(key, e.way);
          if (t < (best.get(e.to) ?? Infinity)) best.set(e.to, t);
        }
      }
    }
    return targets.map((q) => best.get(q) ?? Infinity);
  });
}

/** Car pace of residential roads (seconds per metre), read from a one-way-free straight road. */
function residentialPace(): number {
  const net = buildNetworkFromOsm(
    toXml({
      nodes: new Map([
        [1, [1, 42]],
        [2, [1.01, 42]],
      ]),
      ways: [{ id: 1, refs: [1, 2], tags: { highway: 'residential' } }],
      restrictions: [],
    }),
  );
  return net.arrays.edgeTimeS[0] / net.arrays.linkLengthM[0];
}

/** Random grids: n × n crossings, every grid line cut into one way per stretch (with a midpoint). */
function randomGrid(seed: number): { osm: Osm; mids: number[] } {
  const rand = mulberry32(seed);
  const n = 3 + Math.floor(rand() * 3);
  const nodes = new Map<number, [number, number]>();
  const ways: Osm['ways'] = [];
  const restrictions: Osm['restrictions'] = [];
  const mids: number[] = [];
  const at = (x: number, y: number) => {
    const id = 10_000 + (x + 2) * 100 + (y + 2);
    nodes.set(id, [1 + x * 0.002, 42 + y * 0.0015]);
    return id;
  };
  let nextId = 50_000;
  const incident = new Map<number, number[]>();
  const stretch = (a: number, b: number) => {
    const [x1, y1] = nodes.get(a)!;
    const [x2, y2] = nodes.get(b)!;
    const m = nextId++;
    // Off the exact middle so that no two points are ever equally near two links.
    const f = 0.3 + 0.4 * rand();
    nodes.set(m, [x1 + (x2 - x1) * f, y1 + (y2 - y1) * f]);
    mids.push(m);
    const id = nextId++;
    const tags: Tags = { highway: 'residential' };
    if (rand() < 0.2) tags.oneway = 'yes';
    ways.push({ id, refs: rand() < 0.5 ? [a, m, b] : [b, m, a], tags });
    for (const v of [a, b]) incident.set(v, [...(incident.get(v) ?? []), id]);
  };
  for (let y = 0; y < n; y++) for (let x = -1; x < n; x++) stretch(at(x, y), at(x + 1, y));
  for (let x = 0; x < n; x++) for (let y = -1; y < n; y++) stretch(at(x, y), at(x, y + 1));
  for (let x = 0; x < n; x++)
    for (let y = 0; y < n; y++) {
      const v = at(x, y);
      const arms = incident.get(v)!;
      for (let k = 0; k < 2; k++) {
        if (rand() > 0.35) continue;
        const from = arms[Math.floor(rand() * arms.length)];
        const to = arms[Math.floor(rand() * arms.length)];
        const only = rand() < 0.4;
        const value =
          from === to
            ? only
              ? 'only_u_turn'
              : 'no_u_turn'
            : only
              ? 'only_straight_on'
              : 'no_left_turn';
        restrictions.push({ id: nextId++, from, via: v, to, value });
      }
    }
  return { osm: { nodes, ways, restrictions }, mids };
}

function matrix(o: Osm, points: number[], turnRestrictions?: boolean) {
  const net = buildNetworkFromOsm(toXml(o), { profile: 'car', turnRestrictions });
  const coords = points.flatMap((p) => o.nodes.get(p)!);
  // Points lie on their roads: a 1 m snap distance keeps the second entry (connected snapping,
  // which the oracle does not model) out of islands the one-ways make.
  const { timeS } = travelTimeMatrix(net, coords, coords, { maxSnapDistanceM: 1 });
  return {
    net,
    rows: points.map((_, i) =>
      Array.from(timeS.subarray(i * points.length, (i + 1) * points.length)),
    ),
  };
}

function expectTimes(actual: number[][], expected: number[][]) {
  for (let i = 0; i < expected.length; i++)
    for (let j = 0; j < expected.length; j++) {
      if (expected[i][j] === Infinity) expect(actual[i][j], `${i}→${j}`).toBe(Infinity);
      else expect(actual[i][j], `${i}→${j}`).toBeCloseTo(expected[i][j], 6);
    }
}

describe('turn restrictions', () => {
  const pace = residentialPace();

  // A crossing X with four arms, each one way with a midpoint (w, n, e, s) and a dead end.
  //
  //           N
  //           n
  //     W  w  X  e  E
  //           s
  //           S
  const cross = (restrictions: Osm['restrictions'], extra: Partial<Osm> = {}): Osm => ({
    nodes: new Map<number, [number, number]>([
      [1, [1.0, 42.0]], // X
      [2, [0.998, 42.0]], // W
      [3, [0.999, 42.0]], // w
      [4, [1.0, 42.0015]], // N
      [5, [1.0, 42.00075]], // n
      [6, [1.002, 42.0]], // E
      [7, [1.001, 42.0]], // e
      [8, [1.0, 41.9985]], // S
      [9, [1.0, 41.99925]], // s
      ...(extra.nodes ?? []),
    ]),
    ways: [
      { id: 10, refs: [2, 3, 1], tags: { highway: 'residential' } },
      { id: 11, refs: [1, 5, 4], tags: { highway: 'residential' } },
      { id: 12, refs: [1, 7, 6], tags: { highway: 'residential' } },
      { id: 13, refs: [1, 9, 8], tags: { highway: 'residential' } },
      ...(extra.ways ?? []),
    ],
    restrictions,
  });
  const mids = [3, 5, 7, 9]; // w, n, e, s

  it('no_left_turn: west to north goes on to a dead end and back; every other trip is unchanged', () => {
    const o = cross([{ id: 100, from: 10, via: 1, to: 11, value: 'no_left_turn' }]);
    const free = matrix(o, mids, false).rows;
    const { rows, net } = matrix(o, mids);
    expect(net.meta.turnRestrictions).toBe(1);
    expectTimes(rows, oracleTimes(o, pace, mids, mids));
    expect(rows[0][1]).toBeGreaterThan(free[0][1] + 30); // a detour of > 30 s
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) if (!(i === 0 && j === 1)) expect(rows[i][j]).toBe(free[i][j]);
  });

  it('only_straight_on: from the west only east is direct', () => {
    const o = cross([{ id: 100, from: 10, via: 1, to: 12, value: 'only_straight_on' }]);
    const free = matrix(o, mids, false).rows;
    const { rows } = matrix(o, mids);
    expectTimes(rows, oracleTimes(o, pace, mids, mids));
    expect(rows[0][2]).toBe(free[0][2]);
    expect(rows[0][1]).toBeGreaterThan(free[0][1]);
    expect(rows[0][3]).toBeGreaterThan(free[0][3]);
    expect(rows[1][0]).toBe(free[1][0]);
  });

  it('no_u_turn between the two carriageways of a divided road: round by the west dead end', () => {
    // East arm as two one-way carriageways: 12 out of X (through e), 14 into X (through f).
    const o = cross([{ id: 100, from: 14, via: 1, to: 12, value: 'no_u_turn' }], {
      nodes: new Map([
        [20, [1.001, 42.0001]], // f
        [21, [1.002, 42.0001]],
      ]),
      ways: [{ id: 14, refs: [6, 21, 20, 1], tags: { highway: 'residential', oneway: 'yes' } }],
    });
    o.ways[2].tags.oneway = 'yes';
    const points = [20, 7, 3]; // f (inbound), e (outbound), w
    const free = matrix(o, points, false).rows;
    const { rows } = matrix(o, points);
    expectTimes(rows, oracleTimes(o, pace, points, points));
    // f → e: a U-turn at X before; now to the west dead end and back: 2 × |wX| + |W w| × 2 more.
    expect(rows[0][1]).toBeGreaterThan(free[0][1]);
    expect(rows[0][1]).toBeCloseTo(free[0][1] + 2 * haversineM(0.998, 42, 1, 42) * pace, 6);
  });

  it('equal the brute-force edge-expanded model on random grids (fixed seeds)', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const { osm, mids: m } = randomGrid(seed);
      const rand = mulberry32(seed * 7);
      const points = m.filter(() => rand() < 0.5).slice(0, 14);
      const { rows, net } = matrix(osm, points);
      expect(net.meta.turnRestrictions, `seed ${seed}`).toBe(osm.restrictions.length);
      const want = oracleTimes(osm, pace, points, points);
      if (process.env.DEBUG_SEED === String(seed)) {
        console.log(JSON.stringify({ osm: { ...osm, nodes: [...osm.nodes] }, points, rows, want }));
      }
      expectTimes(rows, want);
      // The two nearest facilities (of the first three points) from every point, both ways.
      const snap = { maxSnapDistanceM: 1 };
      const coords = points.flatMap((p) => osm.nodes.get(p)!);
      for (const direction of ['to', 'from'] as const) {
        const k = 2;
        const r = nearestFacilities(net, coords, coords.slice(0, 6), { ...snap, direction, k });
        points.forEach((_, i) => {
          const times = [0, 1, 2].map((f) => (direction === 'to' ? want[i][f] : want[f][i]));
          times.sort((x, y) => x - y);
          for (let j = 0; j < k; j++) {
            const got = r.facility[i * k + j] < 0 ? Infinity : r.timeS[i * k + j];
            if (times[j] === Infinity) expect(got, `${direction} ${i} #${j}`).toBe(Infinity);
            else expect(got, `${direction} ${i} #${j}`).toBeCloseTo(times[j], 6);
          }
        });
      }
    }
  });

  it('walking ignores them; the option turns them off for cars', () => {
    const o = cross([{ id: 100, from: 10, via: 1, to: 11, value: 'no_left_turn' }]);
    const walk = buildNetworkFromOsm(toXml(o), { profile: 'walk' });
    expect(walk.meta.turnRestrictions).toBeUndefined();
    const off = buildNetworkFromOsm(toXml(o), { profile: 'car', turnRestrictions: false });
    expect(off.meta.turnLinks).toBeUndefined();
  });

  it('reads whom a restriction binds', () => {
    expect(carRestriction({ restriction: 'no_left_turn' })).toBe('no');
    expect(carRestriction({ restriction: 'only_right_turn' })).toBe('only');
    expect(carRestriction({ restriction: 'no_left_turn', except: 'bicycle;motorcar' })).toBeNull();
    expect(carRestriction({ 'restriction:hgv': 'no_left_turn' })).toBeNull();
    expect(
      carRestriction({ restriction: 'no_left_turn', 'restriction:motorcar': 'only_straight_on' }),
    ).toBe('only');
  });
});
