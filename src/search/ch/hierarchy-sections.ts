import { FormatError } from '../../errors';
import type { SectionArray } from '../../network/network-buffer';
import { ContractionHierarchy } from './hierarchy';

/**
 * The `.srn` sections a contraction hierarchy is saved as, with their element types. `original`
 * is not stored: it is the inverse of `internal`, rebuilt (and so checked) on load.
 */
export const HIERARCHY_SECTIONS = {
  chInternal: 'i32',
  chUpFirst: 'u32',
  chUpHead: 'i32',
  chUpTimeS: 'f64',
  chUpMetres: 'f64',
  chDownFirst: 'u32',
  chDownTail: 'i32',
  chDownTimeS: 'f64',
  chDownMetres: 'f64',
} as const;

type Name = keyof typeof HIERARCHY_SECTIONS;
const NAMES = Object.keys(HIERARCHY_SECTIONS) as Name[];

const corrupt = (why: string) =>
  new FormatError('corrupt-network', `corrupt network: contraction hierarchy: ${why}`);

/**
 * A hierarchy as named typed arrays for the `.srn` (the arrays themselves, not copies).
 *
 * @param ch - The hierarchy.
 * @returns Sections by name, for `addOptionalSections` / `encodeNetwork`'s `extra`.
 * @example
 * addOptionalSections(net, hierarchySections(ch));
 */
export function hierarchySections(ch: ContractionHierarchy): Record<Name, SectionArray> {
  return {
    chInternal: ch.internal,
    chUpFirst: ch.upFirst,
    chUpHead: ch.upHead,
    chUpTimeS: ch.upTimeS,
    chUpMetres: ch.upMetres,
    chDownFirst: ch.downFirst,
    chDownTail: ch.downTail,
    chDownTimeS: ch.downTimeS,
    chDownMetres: ch.downMetres,
  };
}

/**
 * The hierarchy a loaded network's sections hold, or null when they hold none. The arrays are
 * used in place (views on the loaded buffer, shared or not); only the inverse permutation is
 * rebuilt. Everything a search relies on is range-checked in one pass: `internal` is a
 * permutation of the nodes, both offset arrays start at 0, never decrease and end at their edge
 * count, every edge leads to a strictly more important node (so upward searches and PHAST sweeps
 * end), and every time and length is finite and ≥ 0. A damaged or partial set of sections is a
 * `FormatError` `corrupt-network`, never a different answer or an endless search.
 *
 * @param sections - The network's optional sections by name (`optionalSections(net)`).
 * @param nodeCount - Nodes of the network the sections came with.
 * @returns The hierarchy, or null when no hierarchy section is present.
 * @example
 * const ch = hierarchyFromSections(optionalSections(net), net.nodeCount);
 */
export function hierarchyFromSections(
  sections: Readonly<Record<string, SectionArray>>,
  nodeCount: number,
): ContractionHierarchy | null {
  const present = NAMES.filter((name) => sections[name] !== undefined);
  if (present.length === 0) return null;
  if (present.length < NAMES.length)
    throw corrupt(
      `section${NAMES.length - present.length > 1 ? 's' : ''} ${NAMES.filter((x) => !present.includes(x)).join(', ')} missing`,
    );
  const want = { i32: Int32Array, u32: Uint32Array, f64: Float64Array } as const;
  for (const name of NAMES)
    if (!(sections[name] instanceof want[HIERARCHY_SECTIONS[name]]))
      throw corrupt(`section "${name}" is not ${HIERARCHY_SECTIONS[name]}`);
  const s = sections as unknown as {
    chInternal: Int32Array;
    chUpFirst: Uint32Array;
    chUpHead: Int32Array;
    chUpTimeS: Float64Array;
    chUpMetres: Float64Array;
    chDownFirst: Uint32Array;
    chDownTail: Int32Array;
    chDownTimeS: Float64Array;
    chDownMetres: Float64Array;
  };
  const n = nodeCount;
  const internal = s.chInternal;
  if (internal.length !== n)
    throw corrupt(`chInternal holds ${internal.length} ids for ${n} nodes`);
  const original = new Int32Array(n).fill(-1);
  for (let v = 0; v < n; v++) {
    const i = internal[v];
    if (!(i >= 0 && i < n) || original[i] !== -1)
      throw corrupt(`chInternal[${v}] = ${i} is out of range or repeated`);
    original[i] = v;
  }
  edges('Up', s.chUpFirst, s.chUpHead, s.chUpTimeS, s.chUpMetres, n);
  edges('Down', s.chDownFirst, s.chDownTail, s.chDownTimeS, s.chDownMetres, n);
  return new ContractionHierarchy(
    n,
    internal,
    original,
    s.chUpFirst,
    s.chUpHead,
    s.chUpTimeS,
    s.chUpMetres,
    s.chDownFirst,
    s.chDownTail,
    s.chDownTimeS,
    s.chDownMetres,
  );
}

// One direction's CSR: offsets, ends strictly more important than the node they are listed at.
function edges(
  dir: 'Up' | 'Down',
  first: Uint32Array,
  other: Int32Array,
  time: Float64Array,
  metres: Float64Array,
  n: number,
): void {
  const m = other.length;
  const ends = dir === 'Up' ? 'Head' : 'Tail';
  if (first.length !== n + 1) throw corrupt(`ch${dir}First holds ${first.length} offsets`);
  if (time.length !== m || metres.length !== m)
    throw corrupt(`ch${dir}${ends}, ch${dir}TimeS and ch${dir}Metres differ in length`);
  if (first[0] !== 0 || first[n] !== m)
    throw corrupt(`ch${dir}First runs from ${first[0]} to ${first[n]}, expected 0 to ${m}`);
  for (let i = 0; i < n; i++)
    if (first[i + 1] < first[i]) throw corrupt(`ch${dir}First decreases at ${i + 1}`);
  for (let i = 0; i < n; i++) {
    for (let k = first[i], b = first[i + 1]; k < b; k++)
      if (!(other[k] >= 0 && other[k] < i))
        throw corrupt(`ch${dir}${ends}[${k}] = ${other[k]} is not below ${i}`);
  }
  for (let k = 0; k < m; k++)
    if (
      !(time[k] >= 0 && time[k] < Number.POSITIVE_INFINITY) ||
      !(metres[k] >= 0 && metres[k] < Number.POSITIVE_INFINITY)
    )
      throw corrupt(`ch${dir} edge ${k} has time ${time[k]} and length ${metres[k]}`);
}
