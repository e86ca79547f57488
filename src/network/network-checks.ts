import { FormatError } from '../errors';
import { checkLinkGeometry } from './link-geometry';
import type { NetworkArrays, NetworkMeta } from './road-network';

const corrupt = (why: string) => new FormatError('corrupt-network', `corrupt network: ${why}`);

/**
 * Range-checks a network read from bytes, so that a buffer which passed its checksum but was
 * written wrong (or a hand-made one) cannot make a search loop forever, read out of bounds or
 * give a different answer: lengths agree, every offset array starts at 0, never decreases and ends
 * at its target's length, every node and link index is in bounds, times and lengths are finite
 * and ≥ 0, coordinates are on the globe (the delta-encoded geometry is summed link by link, without
 * allocating), and the header's values are what a profile can hold. One pass over each array,
 * about as fast as reading it.
 *
 * @param a - The typed arrays.
 * @param meta - The header's `meta`.
 * @returns The number of interior geometry vertices (heights per vertex must match it).
 * @example
 * checkNetwork(net.arrays, net.meta); // throws FormatError corrupt-network on bad data
 */
export function checkNetwork(a: NetworkArrays, meta: NetworkMeta): number {
  checkMeta(meta);
  const n = a.firstEdge.length - 1;
  const links = a.linkFrom.length;
  if (n < 0) throw corrupt('firstEdge is empty');
  if (a.nodeE7.length !== 2 * n)
    throw corrupt(`nodeE7 holds ${a.nodeE7.length} numbers for ${n} nodes`);
  if (a.nodeSourceId.length !== n)
    throw corrupt(`nodeSourceId holds ${a.nodeSourceId.length} ids for ${n} nodes`);
  const m = a.edgeTarget.length;
  if (a.edgeTimeS.length !== m || a.edgeLink.length !== m)
    throw corrupt('edgeTarget, edgeTimeS and edgeLink differ in length');
  if (
    a.linkTo.length !== links ||
    a.linkLengthM.length !== links ||
    a.linkClass.length !== links ||
    a.linkSourceId.length !== links ||
    a.geomOffset.length !== links + 1
  )
    throw corrupt('the link arrays differ in length');
  offsets('firstEdge', a.firstEdge, m);
  offsets('geomOffset', a.geomOffset, a.geomDelta.length);
  below('edgeTarget', a.edgeTarget, n);
  below('edgeLink', a.edgeLink, 2 * links);
  below('linkFrom', a.linkFrom, n);
  below('linkTo', a.linkTo, n);
  below('linkClass', a.linkClass, meta.classNames.length);
  nonNegative('edgeTimeS', a.edgeTimeS);
  nonNegative('linkLengthM', a.linkLengthM);
  const c = a.nodeE7;
  for (let i = 0; i < c.length; i += 2) {
    if (
      !(
        c[i] >= -1_800_000_000 &&
        c[i] <= 1_800_000_000 &&
        c[i + 1] >= -900_000_000 &&
        c[i + 1] <= 900_000_000
      )
    )
      throw corrupt(`node ${i / 2} lies at (${c[i] / 1e7}, ${c[i + 1] / 1e7}), off the globe`);
  }
  return checkLinkGeometry(a);
}

function checkMeta(meta: NetworkMeta): void {
  if (!meta || typeof meta !== 'object') throw corrupt('the header has no meta');
  if (typeof meta.profile !== 'string' || !meta.profile)
    throw corrupt(`profile ${JSON.stringify(meta.profile)} is not a name`);
  if (
    typeof meta.accessKmh !== 'number' ||
    !(meta.accessKmh > 0) ||
    !Number.isFinite(meta.accessKmh)
  )
    throw corrupt(`accessKmh ${JSON.stringify(meta.accessKmh)} is not a speed > 0`);
  if (!Array.isArray(meta.classNames) || !meta.classNames.every((x) => typeof x === 'string'))
    throw corrupt('classNames is not a list of names');
  if (!Array.isArray(meta.warnings)) throw corrupt('warnings is not a list');
  for (const k of ['inputWays', 'usedWays'] as const)
    if (!Number.isInteger(meta[k]) || meta[k] < 0)
      throw corrupt(`${k} ${JSON.stringify(meta[k])} is not a count`);
}

function offsets(name: string, a: Uint32Array, end: number): void {
  if (a[0] !== 0) throw corrupt(`${name} starts at ${a[0]}, not 0`);
  for (let i = 1; i < a.length; i++)
    if (a[i] < a[i - 1]) throw corrupt(`${name} decreases at ${i} (${a[i - 1]} → ${a[i]})`);
  if (a[a.length - 1] !== end) throw corrupt(`${name} ends at ${a[a.length - 1]}, expected ${end}`);
}

function below(name: string, a: Uint32Array | Uint8Array, limit: number): void {
  for (let i = 0; i < a.length; i++)
    if (a[i] >= limit) throw corrupt(`${name}[${i}] = ${a[i]} is out of range (< ${limit})`);
}

function nonNegative(name: string, a: Float64Array): void {
  for (let i = 0; i < a.length; i++)
    if (!(a[i] >= 0 && a[i] < Number.POSITIVE_INFINITY))
      throw corrupt(`${name}[${i}] = ${a[i]} is not a finite value ≥ 0`);
}
