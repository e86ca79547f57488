import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildNetworkFromGeoJson,
  coverage,
  InputError,
  type MessageEndpoint,
  nearestFacilities,
  pointCoords,
  readPointsFromGeoJson,
  SearchWorker,
  serveSearches,
  transferablesOf,
  WhatIfSession,
} from '../src/index';

const ROOT = join(import.meta.dirname, '..');
const county = (name: string) =>
  JSON.parse(readFileSync(join(ROOT, 'data/county', `${name}.geojson`), 'utf8'));
const net = buildNetworkFromGeoJson(county('roads'), { profile: 'walk' });
const villages = readPointsFromGeoJson(county('villages'), { idField: 'id' });
const facilities = readPointsFromGeoJson(county('facilities'), { idField: 'id' });
const care = facilities.filter((f) => f.category === 'elderly-care');

// A MessageChannel stands in for the page ↔ Web Worker pair: the same postMessage, structured
// clone and transfer lists.
const { port1, port2 } = new MessageChannel();
serveSearches(port2 as unknown as MessageEndpoint, {
  nodeCount: ([name], ctx) => ctx.network(name as string).nodeCount,
});
const worker = new SearchWorker(port1 as unknown as MessageEndpoint);
afterAll(() => {
  port1.close();
  port2.close();
});

describe('SearchWorker ↔ serveSearches', () => {
  it('sends the network as one transferred .srn buffer and answers searches as in-process', async () => {
    const buffer = net.toBuffer();
    const size = buffer.byteLength;
    const info = await worker.loadNetwork('walk', buffer);
    expect(buffer.byteLength).toBe(0); // moved, not copied
    expect(info).toEqual({ nodes: net.nodeCount, edges: net.edgeCount, profile: 'walk' });
    expect(size).toBeGreaterThan(1000);
    expect(await worker.call('nodeCount', ['walk'])).toBe(net.nodeCount);
    const here = nearestFacilities(net, pointCoords(villages), pointCoords(care), { k: 2 });
    const there = await worker.nearestFacilities('walk', pointCoords(villages), pointCoords(care), {
      k: 2,
    });
    expect(there.facility).toBeInstanceOf(Int32Array);
    for (const key of ['facility', 'timeS', 'distanceM', 'status', 'entry'] as const)
      expect(there[key]).toEqual(here[key]);
  });

  it('runs a what-if session in the worker, equal to the session and to a full coverage run', async () => {
    const options = { standard: 'elderly-care-15min' };
    const local = new WhatIfSession(net, villages, care, options);
    const start = await worker.whatIfStart('walk', villages, care, options);
    expect(start.status).toEqual(local.status);
    expect(start.changed.length).toBe(villages.length);
    local.move(care[0].id as string, 100.21, 25.19);
    const moved = await worker.whatIfMove(care[0].id as string, 100.21, 25.19);
    expect(moved.status).toEqual(local.status);
    expect(moved.value).toEqual(local.value);
    expect(moved.thresholds).toEqual(local.thresholds());
    const added = await worker.whatIfAdd({
      id: 'new',
      lon: 100.3,
      lat: 25.1,
      category: 'elderly-care',
    });
    const full = coverage(net, villages, await worker.whatIfFacilities(), options);
    expect(added.thresholds[0].within).toEqual(full.summary.all.thresholds[0].within);
    const exported = await worker.coverage(
      'walk',
      villages,
      await worker.whatIfFacilities(),
      options,
    );
    expect(exported.summary).toEqual(full.summary);
    expect((await worker.whatIfClose('new')).changed.length).toBeGreaterThan(0);
  });

  it('rejects with the worker’s InputError and its code', async () => {
    const e = await worker
      .nearestFacilities('car', new Float64Array(2), new Float64Array(2))
      .catch((x) => x);
    expect(e).toBeInstanceOf(InputError);
    expect(e.code).toBe('unknown-network');
    await expect(worker.call('nope', [])).rejects.toThrow(/no method "nope"/);
    await expect(worker.whatIfClose('nope')).rejects.toThrow(/no facility has id "nope"/);
  });
});

describe('transferablesOf(value)', () => {
  it('finds each buffer under the typed arrays of a message once, and no shared memory', () => {
    const a = new Float64Array(4);
    const shared = new Int32Array(new SharedArrayBuffer(8));
    const msg = { a, b: [a.subarray(1), new Uint8Array(3)], c: { d: shared, e: 'x' }, f: null };
    const found = transferablesOf(msg);
    expect(found).toHaveLength(2);
    expect(found).toContain(a.buffer);
  });
});
