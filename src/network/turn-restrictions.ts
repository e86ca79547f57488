import { LinkGeometryReader } from './link-geometry';
import type { RoadNetwork } from './road-network';
import type { WarningLog } from './warnings';

/**
 * An OSM `type=restriction` relation as the road collector keeps it: a turn from one way onto
 * another through a node, either forbidden (`no_*`) or the only one allowed (`only_*`).
 */
export interface TurnRestriction {
  /** OSM relation id. */
  id: number;
  /** `only_*`: every other turn from `from` at `via` is forbidden; `no_*`: this one is. */
  only: boolean;
  /** The restriction's value, e.g. `no_left_turn`, for messages. */
  value: string;
  /** OSM node id of the `via` node. */
  via: number;
  /**
   * Positions (1e-7 degree, `[lon, lat, …]`) of the nodes next to `via` on the `from` way and on
   * the `to` way: they tell which road link at the junction each way is.
   */
  fromNext: number[];
  toNext: number[];
}

/** Values of `restriction=*` read as forbidding a turn or as the only one allowed. */
const NO = /^no_(left_turn|right_turn|straight_on|u_turn|entry|exit)$/;
const ONLY = /^only_(left_turn|right_turn|straight_on|u_turn)$/;

/**
 * Whether a restriction relation binds cars, and how: `restriction:motorcar` or
 * `restriction:motor_vehicle` when present (they override `restriction`), else `restriction`,
 * unless `except` names motorcar or motor_vehicle. Conditional restrictions are not read.
 *
 * @param tags - The relation's tags.
 * @returns `'no'`, `'only'`, or null when it does not bind cars or its value is not a turn rule.
 * @example
 * carRestriction({ type: 'restriction', restriction: 'no_left_turn' }); // 'no'
 * carRestriction({ type: 'restriction', restriction: 'no_left_turn', except: 'bus;motorcar' }); // null
 */
export function carRestriction(tags: Record<string, string>): 'no' | 'only' | null {
  const except = (tags.except ?? '').split(';').map((s) => s.trim());
  if (except.includes('motorcar') || except.includes('motor_vehicle')) return null;
  const value =
    tags['restriction:motorcar'] ?? tags['restriction:motor_vehicle'] ?? tags.restriction;
  if (value === undefined) return null;
  if (NO.test(value)) return 'no';
  if (ONLY.test(value)) return 'only';
  return null;
}

/**
 * Forbidden turns at one junction: the link ends meeting at graph node `node` (`2 × link + 1`
 * for a link's `linkTo` end, `2 × link` for its `linkFrom` end), and which turns from end `j` to
 * end `m` (indexes into `ends`) are forbidden, as `j × ends.length + m`.
 */
export interface RestrictedJunction {
  node: number;
  ends: number[];
  forbidden: Set<number>;
}

/**
 * The forbidden turns of `restrictions` on `net`, junction by junction. A restriction is placed
 * on the graph by its via node (a junction of the network) and by the node next to it on each
 * way, matched to the link end at the junction whose next vertex lies there. Restrictions that
 * cannot be placed are counted in `log`, by reason: via node not a junction of this network
 * (e.g. on a road the profile does not use), a way not meeting the via node, or two link ends that
 * fit. A restriction that forbids nothing on the graph (only_* onto the only way out) is kept out.
 *
 * @param net - The network built without restrictions.
 * @param restrictions - Restrictions from the OSM relations.
 * @param log - Collects the restrictions that could not be placed.
 * @returns Junctions with at least one forbidden turn, in node order.
 * @example
 * const junctions = restrictedJunctions(net, roads.turnRestrictions(), log);
 */
export function restrictedJunctions(
  net: RoadNetwork,
  restrictions: readonly TurnRestriction[],
  log: WarningLog,
): RestrictedJunction[] {
  const { nodeSourceId, linkFrom, linkTo } = net.arrays;
  const reader = new LinkGeometryReader(net.arrays);
  const wanted = new Set(restrictions.map((r) => r.via));
  const nodeOf = new Map<number, number>();
  for (let v = 0; v < net.nodeCount; v++)
    if (wanted.has(nodeSourceId[v])) nodeOf.set(nodeSourceId[v], v);
  const endsAt = new Map<number, number[]>();
  for (const v of nodeOf.values()) endsAt.set(v, []);
  for (let l = 0; l < net.linkCount; l++) {
    endsAt.get(linkFrom[l])?.push(2 * l);
    endsAt.get(linkTo[l])?.push(2 * l + 1);
  }
  // The vertex next to the junction along link end `end`, in 1e-7 degree (the other end node
  // when the link has no vertex between).
  const nextTo = (end: number): [number, number] => {
    const n = reader.read(end >> 1);
    const j = end & 1 ? n - 2 : 1;
    return [reader.e7[2 * j], reader.e7[2 * j + 1]];
  };
  const byNode = new Map<number, RestrictedJunction>();
  const skip = (code: string, message: string, r: TurnRestriction) =>
    log.add(code, message, `relation ${r.id}`);
  for (const r of restrictions) {
    const v = nodeOf.get(r.via);
    if (v === undefined) {
      skip(
        'restriction-not-placed',
        'turn restriction whose via node is no junction of this network: not applied',
        r,
      );
      continue;
    }
    const ends = endsAt.get(v)!;
    const match = (next: number[]) => {
      const found: number[] = [];
      ends.forEach((end, i) => {
        const [x, y] = nextTo(end);
        for (let k = 0; k < next.length; k += 2)
          if (next[k] === x && next[k + 1] === y) {
            found.push(i);
            break;
          }
      });
      return found;
    };
    const from = match(r.fromNext);
    const to = match(r.toNext);
    if (from.length !== 1 || to.length !== 1) {
      skip(
        'restriction-not-placed',
        'turn restriction whose from or to way does not meet its via node on one road link of this network: not applied',
        r,
      );
      continue;
    }
    let j = byNode.get(v);
    if (!j) {
      j = { node: v, ends, forbidden: new Set() };
      byNode.set(v, j);
    }
    const d = ends.length;
    const [f] = from;
    const [t] = to;
    if (r.only) {
      for (let m = 0; m < d; m++) if (m !== t) j.forbidden.add(f * d + m);
    } else j.forbidden.add(f * d + t);
  }
  return [...byNode.values()].filter((j) => j.forbidden.size > 0).sort((a, b) => a.node - b.node);
}
