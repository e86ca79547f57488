/**
 * The roads of a real OSM PBF extract, in typed arrays: every `highway=*` way with its tags, the
 * nodes those ways use, and `place=*` nodes with their tags. Read in two streaming passes (ways
 * first, to learn which nodes matter; then only those nodes' coordinates), so memory follows the
 * roads kept, not the file.
 */
import { readOsmPbfFile } from '../src/node/read-pbf-file';
import { sortedIndexOf } from '../src/inputs/osm/node-store';
import { IntList } from './int-list';

/**
 * Roads and places of an extract. Node `i` has id `ids[i]` (ascending) at `lon7[i]`, `lat7[i]`
 * (1e-7 degrees); way `w` (ids ascending) runs over node indices `refs[refEnd[w - 1] … refEnd[w] - 1]`.
 */
export interface RoadExtract {
  ids: Float64Array;
  lon7: Int32Array;
  lat7: Int32Array;
  /** Tags of place nodes, by node index. */
  nodeTags: Map<number, Record<string, string>>;
  wayIds: Float64Array;
  refs: Int32Array;
  refEnd: Int32Array;
  wayTags: Record<string, string>[];
  /** Way refs to nodes absent from the file, left out (ways left with one node are dropped). */
  missingRefs: number;
}

/** A growable Float64Array (OSM ids pass 2^31). */
class F64List {
  array = new Float64Array(1 << 16);
  length = 0;
  push(x: number): void {
    if (this.length === this.array.length) {
      const grown = new Float64Array(this.array.length * 2);
      grown.set(this.array);
      this.array = grown;
    }
    this.array[this.length++] = x;
  }
}

/**
 * Reads the roads and places of an OSM PBF file.
 *
 * @example
 * const ex = readRoadExtract('../shared/data/osm/andorra-2025.osm.pbf');
 * ex.ids.length; // ≈ 144,000 road nodes (and the place nodes)
 */
export function readRoadExtract(path: string): RoadExtract {
  // Pass 1: highway ways (refs as ids) and place nodes.
  const wayIds = new F64List();
  const wayRefs = new F64List();
  const wayRefEnd: number[] = [];
  const wayTags: Record<string, string>[] = [];
  const places = new Map<number, Record<string, string>>();
  readOsmPbfFile(path, {
    node() {},
    taggedNode(id, _lon, _lat, tags) {
      if (tags.place !== undefined) places.set(id, tags);
    },
    wantWay: (tags) => tags.highway !== undefined,
    way(id, refs, tags) {
      wayIds.push(id);
      for (let i = 0; i < refs.length; i++) wayRefs.push(refs[i]);
      wayRefEnd.push(wayRefs.length);
      wayTags.push(tags);
    },
  });

  // The nodes wanted, sorted and unique.
  const wanted = new Float64Array(wayRefs.length + places.size);
  wanted.set(wayRefs.array.subarray(0, wayRefs.length));
  let k = wayRefs.length;
  for (const id of places.keys()) wanted[k++] = id;
  wanted.sort();
  let n = 0;
  for (let i = 0; i < wanted.length; i++)
    if (i === 0 || wanted[i] !== wanted[i - 1]) wanted[n++] = wanted[i];
  if (n > 0 && wanted[0] < 0)
    throw new Error(
      `readRoadExtract: ${path} has negative node ids (an editor's unsaved data?); only uploaded data is supported`,
    );

  // Pass 2: their coordinates.
  const lon7 = new Int32Array(n);
  const lat7 = new Int32Array(n);
  const found = new Uint8Array(n);
  readOsmPbfFile(path, {
    node(id, lon, lat) {
      const i = sortedIndexOf(wanted, n, id);
      if (i < 0) return;
      lon7[i] = Math.round(lon * 1e7);
      lat7[i] = Math.round(lat * 1e7);
      found[i] = 1;
    },
    wantWay: () => false,
    way() {},
  });

  // Keep the nodes found, then turn way refs into node indices, dropping refs to missing nodes.
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (!found[i]) continue;
    wanted[m] = wanted[i];
    lon7[m] = lon7[i];
    lat7[m] = lat7[i];
    m++;
  }
  const ids = wanted.slice(0, m);
  const nodeTags = new Map<number, Record<string, string>>();
  for (const [id, tags] of places) {
    const i = sortedIndexOf(ids, m, id);
    if (i >= 0) nodeTags.set(i, tags);
  }
  // Ways in id order (as sorted files have them already).
  const order = Array.from(wayTags, (_, w) => w).sort((a, b) => wayIds.array[a] - wayIds.array[b]);
  const refs = new IntList(wayRefs.length);
  const refEnd = new IntList(order.length);
  const keptIds = new F64List();
  const keptTags: Record<string, string>[] = [];
  let missing = 0;
  for (const w of order) {
    const start = refs.length;
    for (let j = w === 0 ? 0 : wayRefEnd[w - 1]; j < wayRefEnd[w]; j++) {
      const i = sortedIndexOf(ids, m, wayRefs.array[j]);
      if (i >= 0) refs.push(i);
      else missing++;
    }
    if (refs.length - start < 2) {
      refs.length = start;
      continue;
    }
    refEnd.push(refs.length);
    keptIds.push(wayIds.array[w]);
    keptTags.push(wayTags[w]);
  }
  return {
    ids,
    lon7: lon7.slice(0, m),
    lat7: lat7.slice(0, m),
    nodeTags,
    wayIds: keptIds.array.slice(0, keptIds.length),
    refs: refs.view(),
    refEnd: refEnd.view(),
    wayTags: keptTags,
    missingRefs: missing,
  };
}
