import { InputError } from '../errors';
import type { SpeedProfile } from './profile';
import { evaluateWay, logVerdict, type WayCost, wayPaces } from './way-rules';
import type { WarningLog } from './warnings';
import type { WayTable } from './way-table';
import { WayTableBuilder } from './way-table-builder';
import { haversineM } from '../geo/distance';
import { fromE7 } from '../geo/fixed';
import { Float64Chunks } from '../inputs/osm/float64-chunks';
import { MarkedNodeStore } from '../inputs/osm/marked-node-store';
import { NodeStore, type NodePositions } from '../inputs/osm/node-store';
import type { OsmSink } from '../inputs/osm/sink';
import { carRestriction, type TurnRestriction } from './turn-restrictions';

/** A `type=restriction` relation as read, before any profile decides what it means. */
interface RestrictionRelation {
  id: number;
  tags: Record<string, string>;
  from: number[];
  via: number[];
  viaWays: number[];
  to: number[];
}

const RESTRICTION_KEYS = [
  'restriction',
  'restriction:motorcar',
  'restriction:motor_vehicle',
  'except',
];

// The only way tags any profile reads; keeping just these bounds memory on province extracts.
const ROUTING_KEYS = new Set([
  'highway',
  'route',
  'area',
  'junction',
  'duration',
  'tracktype',
  'motorroad',
  'oneway',
  'oneway:foot',
  'oneway:bicycle',
  'maxspeed',
  'maxspeed:forward',
  'maxspeed:backward',
  'access',
  'vehicle',
  'motor_vehicle',
  'motorcar',
  'foot',
  'bicycle',
]);

/**
 * An `OsmSink` that keeps what a road network needs: node positions, and the ways tagged
 * `highway=*` or `route=ferry` with their routing tags. One collector can build several profiles.
 *
 * Fed in one pass (the collector itself as the sink) it keeps every node's position, since a way may
 * refer to any. A file that can be read twice can instead go through `wayPass()` and then
 * `nodePass()`, which keeps only the nodes the kept ways refer to: the same network from a fraction
 * of the memory on a large extract (`loadNetwork` does this for files on disk).
 *
 * @example
 * const roads = new OsmRoadCollector();
 * decodeOsm(bytes, roads);
 * const net = buildNetworkFromOsmRoads(roads, { profile: 'car' });
 */
export class OsmRoadCollector implements OsmSink {
  private store: NodeStore | MarkedNodeStore = new NodeStore();
  private wayIds: number[] = [];
  private wayTags: Record<string, string>[] = [];
  /** One object per distinct set of kept tags: most ways share theirs with many others. */
  private readonly tagSets = new Map<string, Record<string, string>>();
  private wayStart: number[] = [0];
  /** Node ids of the kept ways, concatenated; empty once `nodePass` turned them into `refIndex`. */
  private refs = new Float64Chunks();
  /** After `nodePass`: the same references as indices into the `MarkedNodeStore`. */
  private refIndex: Int32Array | null = null;
  private refCount = 0;
  /** Set by a consuming `toWayTable`: the ways and nodes are gone. */
  private consumed = false;
  /**
   * Set by `wayPass(profile)`: the only profile the collector builds, since the references of the
   * ways it does not route are not kept (their ids and tags are, for the warnings).
   */
  private onlyProfile: SpeedProfile | null = null;
  /** With `onlyProfile`: numbers of the ways the profile skips, kept without references. */
  private skipped: number[] = [];
  /**
   * Skipped ways that a turn restriction names, by way number: where their references were
   * appended to `refs` by `namedWayPass` (after every kept way's), and how many.
   */
  private namedRuns = new Map<number, { start: number; count: number }>();
  /** Ways `namedWayPass` must still read; null until asked. */
  private namedPending: Set<number> | null = null;
  private readonly restrictionRelations: RestrictionRelation[] = [];

  /** The node positions read so far: every node's, or after `nodePass` those of the kept ways. */
  get nodes(): NodePositions {
    return this.store;
  }

  /** Number of ways kept (tagged `highway=*` or `route=ferry`). */
  get wayCount(): number {
    return this.wayIds.length;
  }

  /**
   * Keeps a node's position (decoders call this for every node).
   *
   * @param id - OSM node id.
   * @param lon - Longitude, degrees; outside [−180, 180] throws `InputError` naming the node.
   * @param lat - Latitude, degrees; outside [−90, 90] throws likewise.
   *
   * @example
   * const roads = new OsmRoadCollector(); // fed by hand instead of by decodeOsm
   * roads.node(1, 1.52, 42.55);
   * roads.node(2, 1.53, 42.55);
   * roads.way(10, [1, 2], { highway: 'residential' });
   * buildNetworkFromOsmRoads(roads, { profile: 'walk' }).stats().lengthKm; // 0.819
   */
  node(id: number, lon: number, lat: number): void {
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
      throw new InputError(
        'invalid-coordinate',
        `OSM node ${id} has an invalid position lon=${lon}, lat=${lat}`,
      );
    }
    this.store.add(id, lon, lat);
  }

  /**
   * The sink for the first of two passes over a file: ways and turn restrictions, no nodes (PBF
   * node groups are skipped unread). Follow it with a pass into `nodePass()`.
   *
   * @param profile - When given, the one profile this collector will build: the references of the
   *   ways it does not route are not kept, nor are their nodes in the next pass (most of a national
   *   extract's highway nodes are paths and tracks a car never uses). Their ids and tags stay, so
   *   the warnings are the same. When a turn restriction names such a way, `needsNamedWays` says
   *   so: read the ways again into `namedWayPass()` before `nodePass()`. Building another profile
   *   then throws.
   * @example
   * const roads = new OsmRoadCollector();
   * decodeOsm(bytes, roads.wayPass());
   * decodeOsm(bytes, roads.nodePass());
   * const net = buildNetworkFromOsmRoads(roads, { profile: 'car' });
   */
  wayPass(profile?: SpeedProfile): OsmSink {
    if (profile !== undefined) this.onlyProfile = profile;
    return {
      readsNodes: false,
      node: () => {},
      wantWay: (tags) => this.wantWay(tags),
      way: (id, refs, tags) => this.way(id, refs, tags),
      wantRelation: (tags) => this.wantRelation(tags),
      relation: (id, types, refs, roles, tags) => this.relation(id, types, refs, roles, tags),
    };
  }

  /**
   * The sink for the second pass, after `wayPass()`: every node is checked as in the one-pass read
   * (an invalid position throws), but only those the kept ways refer to are stored. When the file's
   * node ids were not strictly ascending, duplicates among the nodes not kept could not be counted:
   * `needsAllNodes` is then true, and one more pass into `nodePass()` keeps every node, as the
   * one-pass read does.
   *
   * @example
   * decodeOsm(bytes, roads.nodePass());
   * if (roads.needsAllNodes) decodeOsm(bytes, roads.nodePass());
   */
  nodePass(): OsmSink {
    const marked = this.store;
    if (marked instanceof MarkedNodeStore && this.refIndex !== null) {
      // A pass again: back to ids, and every node kept.
      const index = this.refIndex;
      this.refs = new Float64Chunks();
      for (let i = 0; i < index.length; i++) this.refs.push(marked.id(index[i]));
      this.refIndex = null;
      this.store = new NodeStore();
    } else {
      if (this.needsNamedWays)
        throw new InputError(
          'invalid-option',
          'OsmRoadCollector: nodePass() before namedWayPass(): a turn restriction names a way the profile skips, so its references need one more pass over the ways (see needsNamedWays)',
        );
      this.store = new NodeStore(); // the old store goes before the new one is sized
      const store = new MarkedNodeStore(this.refs); // empties this.refs
      this.refIndex = store.refIndex;
      this.refs = new Float64Chunks();
      this.store = store;
    }
    return { readsWays: false, node: (id, lon, lat) => this.node(id, lon, lat), way: () => {} };
  }

  /**
   * True after a `wayPass(profile)` when a turn restriction names a way the profile skips, whose
   * references were not kept: a restriction is placed by the node next to its via node on the from
   * and to ways, and such a way may be drawn over a road. Pass the ways once more through
   * `namedWayPass()`, then go on with `nodePass()` (which throws otherwise).
   *
   * @example
   * if (roads.needsNamedWays) decodeOsm(bytes, roads.namedWayPass());
   */
  get needsNamedWays(): boolean {
    if (this.namedPending === null) {
      this.namedPending = new Set();
      if (this.skipped.length > 0) {
        const named = new Set<number>();
        for (const r of this.restrictionRelations) {
          for (const w of r.from) named.add(w);
          for (const w of r.to) named.add(w);
        }
        for (const w of this.skipped) if (named.has(this.wayIds[w])) this.namedPending.add(w);
      }
      this.skipped = [];
    }
    return this.namedPending.size > 0;
  }

  /**
   * The sink for a second pass over the ways when `needsNamedWays`: it keeps the references of
   * the skipped ways that turn restrictions name. Ways are told apart by their order in the file,
   * which must be the one `wayPass` read.
   *
   * @example
   * if (roads.needsNamedWays) decodeOsm(bytes, roads.namedWayPass());
   * decodeOsm(bytes, roads.nodePass());
   */
  namedWayPass(): OsmSink {
    const pending = this.needsNamedWays ? (this.namedPending as Set<number>) : new Set<number>();
    let w = 0;
    return {
      readsNodes: false,
      node: () => {},
      wantWay: (tags) => this.wantWay(tags),
      way: (_id, refs, tags) => {
        if (!this.wantWay(tags)) return;
        if (pending.delete(w)) {
          this.namedRuns.set(w, { start: this.refs.length, count: refs.length });
          for (let i = 0; i < refs.length; i++) this.refs.push(refs[i]);
        }
        w++;
      },
    };
  }

  /**
   * True after a `nodePass()` whose node ids were out of order (see there): pass the file through
   * `nodePass()` once more.
   *
   * @example
   * if (roads.needsAllNodes) decodeOsm(bytes, roads.nodePass());
   */
  get needsAllNodes(): boolean {
    return this.store instanceof MarkedNodeStore && !this.store.inOrder;
  }

  /**
   * Whether a way may be a road: tagged `highway=*` or `route=ferry`. Decoders skip the node
   * references of the others. Whether the way is routable for a profile is decided later.
   *
   * @param tags - The way's OSM tags.
   *
   * @example
   * roads.wantWay({ building: 'yes' }); // false
   */
  wantWay(tags: Record<string, string>): boolean {
    return tags.highway !== undefined || tags.route === 'ferry';
  }

  /**
   * Keeps a road way with its routing tags (others are dropped to bound memory); a way that
   * `wantWay` rejects is ignored.
   *
   * @param id - OSM way id, kept as the links' `linkSourceId`.
   * @param refs - Its node ids in order; copied, so a decoder may reuse the buffer. Nodes may be
   *   given before or after the way.
   * @param tags - Its OSM tags.
   *
   * @example
   * roads.way(10, [1, 2], { highway: 'residential', oneway: 'yes' });
   */
  way(id: number, refs: ArrayLike<number>, tags: Record<string, string>): void {
    if (!this.wantWay(tags)) return;
    if (this.refIndex !== null) throw new Error('OsmRoadCollector: a way after nodePass()');
    let key = '';
    for (const k in tags) if (ROUTING_KEYS.has(k)) key += `${k}\u0000${tags[k]}\u0001`;
    let kept = this.tagSets.get(key);
    if (kept === undefined) {
      kept = {};
      for (const k in tags) if (ROUTING_KEYS.has(k)) kept[k] = tags[k];
      this.tagSets.set(key, kept);
    }
    if (this.onlyProfile !== null && !evaluateWay(kept, this.onlyProfile).ok)
      this.skipped.push(this.wayIds.length);
    else {
      for (let i = 0; i < refs.length; i++) this.refs.push(refs[i]);
      this.refCount += refs.length;
    }
    this.wayIds.push(id);
    this.wayTags.push(kept);
    this.wayStart.push(this.refCount);
  }

  /**
   * Whether a relation is a turn restriction (`type=restriction`); decoders skip the members of
   * the others.
   *
   * @param tags - The relation's OSM tags.
   *
   * @example
   * roads.wantRelation({ type: 'restriction', restriction: 'no_left_turn' }); // true
   */
  wantRelation(tags: Record<string, string>): boolean {
    return tags.type === 'restriction';
  }

  /**
   * Keeps a turn restriction's members (`from`, `via`, `to`) and the tags that say whom it binds.
   *
   * @param id - OSM relation id.
   * @param types - Member types (0 node, 1 way, 2 relation).
   * @param refs - Member ids.
   * @param roles - Member roles.
   * @param tags - The relation's tags.
   *
   * @example
   * roads.relation(5, [1, 0, 1], [10, 2, 11], ['from', 'via', 'to'], {
   *   type: 'restriction', restriction: 'no_left_turn',
   * });
   */
  relation(
    id: number,
    types: ArrayLike<number>,
    refs: ArrayLike<number>,
    roles: readonly string[],
    tags: Record<string, string>,
  ): void {
    if (!this.wantRelation(tags)) return;
    const r: RestrictionRelation = { id, tags: {}, from: [], via: [], viaWays: [], to: [] };
    for (const k of RESTRICTION_KEYS) if (tags[k] !== undefined) r.tags[k] = tags[k];
    for (let i = 0; i < types.length; i++) {
      if (roles[i] === 'from' && types[i] === 1) r.from.push(refs[i]);
      else if (roles[i] === 'to' && types[i] === 1) r.to.push(refs[i]);
      else if (roles[i] === 'via' && types[i] === 0) r.via.push(refs[i]);
      else if (roles[i] === 'via' && types[i] === 1) r.viaWays.push(refs[i]);
    }
    this.restrictionRelations.push(r);
  }

  /**
   * The turn restrictions that bind cars, with the positions that place them on a network (the
   * nodes next to the via node on the from and to ways). Restrictions through a via *way*, and
   * malformed ones (not exactly one from way, via node and to way), are counted in `log` and left
   * out. Call after decoding.
   *
   * @param log - Collects the restrictions left out, by reason.
   *
   * @example
   * const list = roads.turnRestrictions(log); // [{ id, only, via, fromNext, toNext, … }]
   */
  turnRestrictions(log: WarningLog): TurnRestriction[] {
    this.nodes.finish();
    // Only the ways restrictions name: a map of every way id was ~0.25 GB of heap at 3.1M ways.
    const wayIndex = new Map<number, number>();
    for (const r of this.restrictionRelations) {
      for (const w of r.from) wayIndex.set(w, -1);
      for (const w of r.to) wayIndex.set(w, -1);
    }
    for (let w = 0; w < this.wayIds.length; w++)
      if (wayIndex.has(this.wayIds[w])) wayIndex.set(this.wayIds[w], w);
    const nextTo = (way: number, via: number): number[] => {
      const w = wayIndex.get(way) ?? -1;
      const out: number[] = [];
      if (w < 0) return out;
      const named = this.namedRuns.get(w);
      const s = named ? named.start : this.wayStart[w];
      const e = named ? named.start + named.count : this.wayStart[w + 1];
      for (let i = s; i < e; i++) {
        if (this.refId(i) !== via) continue;
        for (const k of [i - 1, i + 1]) {
          if (k < s || k >= e) continue;
          const ni = this.refNode(k);
          if (ni >= 0) out.push(this.nodes.lonE7(ni), this.nodes.latE7(ni));
        }
      }
      return out;
    };
    const out: TurnRestriction[] = [];
    for (const r of this.restrictionRelations) {
      const kind = carRestriction(r.tags);
      if (kind === null) continue;
      const where = `relation ${r.id}`;
      if (r.viaWays.length > 0) {
        log.add('restriction-via-way', 'turn restriction through a via way: not applied', where);
        continue;
      }
      if (r.from.length !== 1 || r.via.length !== 1 || r.to.length !== 1) {
        log.add(
          'restriction-malformed',
          'turn restriction without exactly one from way, via node and to way: not applied',
          where,
        );
        continue;
      }
      const value =
        r.tags['restriction:motorcar'] ?? r.tags['restriction:motor_vehicle'] ?? r.tags.restriction;
      out.push({
        id: r.id,
        only: kind === 'only',
        value,
        via: r.via[0],
        fromNext: nextTo(r.from[0], r.via[0]),
        toNext: nextTo(r.to[0], r.via[0]),
      });
    }
    return out;
  }

  /**
   * The ways the profile can use, with node references resolved. Skipped and degraded ways are
   * counted in `log`; a reference to a node absent from the file cuts the way there. The step
   * `buildNetworkFromOsmRoads` runs before building: call that instead (the table and the log are
   * internal forms).
   *
   * @param profile - The speed profile deciding which ways are used and how fast.
   * @param log - Collects warnings (skipped ways by reason, missing nodes).
   * @param consume - The collector will not be used again: after a two-pass read, its node arrays
   *   become the table's instead of being copied (the same network, less memory). Any later use
   *   throws.
   *
   * @example
   * buildNetworkFromOsmRoads(roads, { profile: walk }); // calls roads.toWayTable(walk, log)
   */
  toWayTable(
    profile: SpeedProfile,
    log: WarningLog,
    consume = false,
  ): { table: WayTable; usedWays: number } {
    if (this.consumed) throw new Error('OsmRoadCollector: used after a consuming toWayTable');
    if (this.onlyProfile !== null && profile !== this.onlyProfile)
      throw new InputError(
        'invalid-option',
        `OsmRoadCollector: read for profile "${this.onlyProfile.name}" only (wayPass(profile)), asked for "${profile.name}"; read the file again for another profile, or with wayPass() for any`,
      );
    const store = this.store;
    if (consume && store instanceof MarkedNodeStore && store.inOrder && this.refIndex !== null)
      return this.consumeWayTable(store, this.refIndex, profile, log);
    this.nodes.finish();
    const ex = this.nodes.duplicateIds;
    for (let i = 0; i < this.nodes.duplicates; i++)
      log.add(
        'duplicate-node',
        'OSM node id given more than once; its last position was used',
        `node ${ex[Math.min(i, ex.length - 1)]}`,
      );
    // Vertices are only the nodes this profile's ways use, numbered in order of first use: most
    // nodes of an extract outline buildings and land use, and buildNetwork sizes its per-vertex
    // arrays by the vertex count.
    const vertexOf = new Int32Array(this.nodes.size).fill(-1);
    const vertexNode = new Int32Array(this.nodes.size);
    let vertexCount = 0;
    const out = new WayTableBuilder(this.refCount, this.wayIds.length);
    for (let w = 0; w < this.wayIds.length; w++) {
      const id = this.wayIds[w];
      const verdict = evaluateWay(this.wayTags[w], profile);
      if (!logVerdict(verdict, log, `way ${id}`)) continue;
      let missing = 0;
      let lengthM = 0;
      let prev = -1;
      for (let i = this.wayStart[w]; i < this.wayStart[w + 1]; i++) {
        const ni = this.refNode(i);
        if (ni < 0) {
          missing++;
          out.ref(-1);
          prev = -1;
          continue;
        }
        if (vertexOf[ni] === -1) {
          vertexOf[ni] = vertexCount;
          vertexNode[vertexCount++] = ni;
        }
        out.ref(vertexOf[ni]);
        if (prev >= 0) lengthM += segmentM(this.nodes, prev, ni);
        prev = ni;
      }
      endWay(out, verdict, id, lengthM, missing, log);
    }
    const coords = new Int32Array(2 * vertexCount);
    const vertexIds = new Float64Array(vertexCount);
    for (let v = 0; v < vertexCount; v++) {
      const ni = vertexNode[v];
      coords[2 * v] = this.nodes.lonE7(ni);
      coords[2 * v + 1] = this.nodes.latE7(ni);
      vertexIds[v] = this.nodes.id(ni);
    }
    const ids = { length: vertexCount, id: (v: number) => vertexIds[v] };
    return { table: out.finish(coords, ids), usedWays: out.wayCount };
  }

  /**
   * `toWayTable` for a collector that will not be used again, after a two-pass read: vertices are
   * the marked nodes as the store holds them (its arrays become the table's, no copy), and the
   * references are rewritten in place. The network is the same as from `toWayTable`: vertex numbers
   * are labels the build does not order by.
   */
  private consumeWayTable(
    store: MarkedNodeStore,
    refs: Int32Array,
    profile: SpeedProfile,
    log: WarningLog,
  ): { table: WayTable; usedWays: number } {
    this.consumed = true;
    this.refIndex = null;
    // Writes at or behind the reference being read; at most one entry per way.
    const out = new WayTableBuilder(refs, this.wayIds.length);
    for (let w = 0; w < this.wayIds.length; w++) {
      const id = this.wayIds[w];
      const verdict = evaluateWay(this.wayTags[w], profile);
      if (!logVerdict(verdict, log, `way ${id}`)) continue;
      let missing = 0;
      let lengthM = 0;
      let prev = -1;
      for (let i = this.wayStart[w]; i < this.wayStart[w + 1]; i++) {
        const ni = refs[i];
        if (!store.has(ni)) {
          missing++;
          out.ref(-1);
          prev = -1;
          continue;
        }
        out.ref(ni);
        if (prev >= 0) lengthM += segmentM(store, prev, ni);
        prev = ni;
      }
      endWay(out, verdict, id, lengthM, missing, log);
    }
    const usedWays = out.wayCount;
    this.wayIds = [];
    this.wayTags = [];
    this.wayStart = [0];
    this.refCount = 0;
    this.store = new NodeStore();
    return { table: out.finish(store.coordsE7(), store.idArray()), usedWays };
  }

  /** Node id of reference `i`. */
  private refId(i: number): number {
    return this.refIndex !== null ? this.store.id(this.refIndex[i]) : this.refs.get(i);
  }

  /** Store index of the node of reference `i`, or -1 when the file lacks it. */
  private refNode(i: number): number {
    const index = this.refIndex;
    if (index === null) return this.store.indexOf(this.refs.get(i));
    const ni = index[i];
    return (this.store as MarkedNodeStore).has(ni) ? ni : -1;
  }
}

function segmentM(nodes: NodePositions, a: number, b: number): number {
  return haversineM(
    fromE7(nodes.lonE7(a)),
    fromE7(nodes.latE7(a)),
    fromE7(nodes.lonE7(b)),
    fromE7(nodes.latE7(b)),
  );
}

// The end of one way in the table, as both ways of building it write it: its gaps logged, its class
// and its paces from the length measured.
function endWay(
  out: WayTableBuilder,
  verdict: WayCost,
  id: number,
  lengthM: number,
  missing: number,
  log: WarningLog,
): void {
  if (missing > 0)
    log.add(
      'missing-node',
      'way refers to nodes not in the file (clipped extract): way cut at the gap',
      `way ${id}`,
    );
  const cls = out.classId(verdict.cls, `way ${id}`);
  const [f, b] = wayPaces(verdict, lengthM);
  out.endWay(cls, f, b, id);
}
