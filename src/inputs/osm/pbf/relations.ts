/**
 * Relations of a PrimitiveGroup: an id, packed tag key / value indices, and three parallel packed
 * member fields (role string indices, delta-coded member ids, member types). Read only for sinks
 * that define `relation`; the sink's `wantRelation` sees the tags first, so the members of rejected
 * relations are never unpacked.
 */
import type { OsmSink } from '../sink';
import type { BlockDecoder } from './block-decoder';
import { growF64 } from './buffers';

/** Scratch arrays for members, reused from relation to relation (a relation has few members). */
let memberRefs = new Float64Array(256);
let memberTypes = new Float64Array(256);
let memberRoles = new Float64Array(256);

/**
 * Decodes one Relation message into `sink` (which must define `relation`). The member arrays
 * handed over are fresh, exactly as long as the member count.
 *
 * @param d The decoder state.
 * @param buf The decompressed block.
 * @param start Start of the Relation payload.
 * @param end End of the payload.
 * @param sink Receives the relation, unless its `wantRelation` rejects the tags.
 * @example
 * if (sink.relation) decodeRelation(d, buf, d.pos, d.pos + len, sink);
 */
export function decodeRelation(
  d: BlockDecoder,
  buf: Uint8Array,
  start: number,
  end: number,
  sink: OsmSink,
): void {
  let id = Number.NaN;
  let kS = 0;
  let kE = 0;
  let vS = 0;
  let vE = 0;
  let rolesS = 0;
  let rolesE = 0;
  let idsS = 0;
  let idsE = 0;
  let typesS = 0;
  let typesE = 0;
  d.pos = start;
  while (d.pos < end) {
    const k = d.key(buf, end);
    const field = k >>> 3;
    if (field === 1) {
      d.expectWire(k, 0, 'Relation.id');
      id = d.int64(buf, end);
    } else if (field === 2 || field === 3 || (field >= 8 && field <= 10)) {
      d.expectWire(k, 2, 'Relation keys/vals/members');
      const len = d.length(buf, end, 'Relation keys/vals/members');
      const s = d.pos;
      d.pos += len;
      if (field === 2) [kS, kE] = [s, d.pos];
      else if (field === 3) [vS, vE] = [s, d.pos];
      else if (field === 8) [rolesS, rolesE] = [s, d.pos];
      else if (field === 9) [idsS, idsE] = [s, d.pos];
      else [typesS, typesE] = [s, d.pos];
    } else d.skip(buf, end, k % 8);
  }
  if (Number.isNaN(id)) d.fail('Relation lacks its id', start);
  const n = kE > kS ? d.unpackKeysVals(buf, kS, kE, vS, vE, start) : 0;
  const tags = d.strings.tags(d.keys, d.vals, n, start);
  if (sink.wantRelation !== undefined && !sink.wantRelation(tags)) return;
  memberRefs = growF64(memberRefs, idsE - idsS);
  memberTypes = growF64(memberTypes, typesE - typesS);
  memberRoles = growF64(memberRoles, rolesE - rolesS);
  const count = d.unpackDeltas(buf, idsS, idsE, memberRefs);
  if (d.unpackUints(buf, typesS, typesE, memberTypes) !== count)
    d.fail(`relation ${id} has ${count} member ids but a different number of member types`, start);
  if (d.unpackUints(buf, rolesS, rolesE, memberRoles) !== count)
    d.fail(`relation ${id} has ${count} member ids but a different number of roles`, start);
  const types = new Uint8Array(count);
  const roles: string[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const t = memberTypes[i];
    if (t > 2) d.fail(`relation ${id} member ${i} has unknown type ${t}`, start);
    types[i] = t;
    roles[i] = d.strings.get(memberRoles[i], start);
  }
  sink.relation!(id, types, memberRefs.slice(0, count), roles, tags);
}
