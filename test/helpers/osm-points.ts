import { readFileSync } from 'node:fs';
import type { IndexedPoint } from '../../src/index';
import { decodeOsm } from '../../src/engine';

/**
 * Tagged OSM nodes and ways picked by `want`, as points (ways at the mean of their nodes), read
 * with nothing but the decoder: the tests' own independent reading of places and facilities.
 */
export function osmPoints(
  path: string,
  want: (tags: Record<string, string>) => boolean,
): IndexedPoint[] {
  const bytes = new Uint8Array(readFileSync(path));
  const coords = new Map<number, [number, number]>();
  const out: IndexedPoint[] = [];
  decodeOsm(bytes, {
    node(id, lon, lat) {
      coords.set(id, [lon, lat]);
    },
    taggedNode(id, lon, lat, tags) {
      if (want(tags)) out.push({ lon, lat, id: `n${id}`, properties: { ...tags } });
    },
    way(id, refs, tags) {
      if (!want(tags)) return;
      let x = 0;
      let y = 0;
      for (let i = 0; i < refs.length; i++) {
        const c = coords.get(refs[i]);
        if (!c) throw new Error(`way ${id} refers to missing node ${refs[i]}`);
        x += c[0];
        y += c[1];
      }
      out.push({
        lon: x / refs.length,
        lat: y / refs.length,
        id: `w${id}`,
        properties: { ...tags },
      });
    },
  });
  return out;
}
