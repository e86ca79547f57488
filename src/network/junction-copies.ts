import type { RestrictedJunction } from './turn-restrictions';
import { RoadNetwork } from './road-network';

/**
 * The network with turn restrictions built in, still node-based so every search stays a plain
 * Dijkstra: edge-based expansion only at restricted junctions. At such a junction each link end
 * `j` gets an *arrival* node `I_j` (where travel along that link arrives) and a *departure* node
 * `E_j` (where travel onto it leaves; it is the link's end node in `linkFrom` / `linkTo`), both at
 * the junction's position and with its OSM id. A zero-length, zero-time, one-way *turn link*
 * `I_j → E_m` stands for every turn that is allowed (U-turns `I_j → E_j` included unless
 * forbidden, as everywhere else in the network). `E_m` has no way in but turn links, and no way
 * out but its link, so turns cannot be chained at the junction without travelling a road.
 *
 * Points snapped onto a link reach the junction at `I_j` and are reached from it through `E_j`;
 * `linkArrivalNodes` gives the former, the link ends the latter. Turn links are the last
 * `meta.turnLinks` links; they carry the class and way id of the link they turn onto and are not
 * snapped to.
 *
 * @param net - The network without restrictions.
 * @param junctions - Forbidden turns per junction (`restrictedJunctions`).
 * @returns A new network (or `net` itself when no junction has a forbidden turn).
 * @example
 * const restricted = splitRestrictedJunctions(net, restrictedJunctions(net, list, log));
 */
export function splitRestrictedJunctions(
  net: RoadNetwork,
  junctions: readonly RestrictedJunction[],
): RoadNetwork {
  if (junctions.length === 0) return net;
  const a = net.arrays;
  const N = net.nodeCount;
  const L = net.linkCount;
  // Per link end: the node where travel along the link arrives, and where travel onto it leaves.
  const arrive = new Int32Array(2 * L);
  const leave = new Int32Array(2 * L);
  for (let l = 0; l < L; l++) {
    arrive[2 * l] = leave[2 * l] = a.linkFrom[l];
    arrive[2 * l + 1] = leave[2 * l + 1] = a.linkTo[l];
  }
  const fwd = new Float64Array(L).fill(Infinity);
  const bwd = new Float64Array(L).fill(Infinity);
  for (let e = 0; e < net.edgeCount; e++) {
    const code = a.edgeLink[e];
    if (code & 1) bwd[code >> 1] = a.edgeTimeS[e];
    else fwd[code >> 1] = a.edgeTimeS[e];
  }
  // Travel along a link arrives at its `to` end going forward, at its `from` end going back.
  const arrivesAt = (end: number) => (end & 1 ? fwd : bwd)[end >> 1] < Infinity;
  const leavesFrom = (end: number) => (end & 1 ? bwd : fwd)[end >> 1] < Infinity;
  const copyOf: number[] = []; // the original node of each added node
  const turnFrom: number[] = [];
  const turnTo: number[] = [];
  const turnOnto: number[] = []; // the link end turned onto, for class and way id
  for (const j of junctions) {
    const d = j.ends.length;
    let reused = false;
    const node = () => {
      if (!reused) {
        reused = true;
        return j.node;
      }
      copyOf.push(j.node);
      return N + copyOf.length - 1;
    };
    for (const end of j.ends) {
      if (arrivesAt(end)) arrive[end] = node();
      // A one-way into the junction ends where it arrives; one out of it where it leaves.
      leave[end] = leavesFrom(end) ? node() : arrive[end];
      if (!arrivesAt(end)) arrive[end] = leave[end];
    }
    for (let f = 0; f < d; f++) {
      if (!arrivesAt(j.ends[f])) continue;
      for (let m = 0; m < d; m++) {
        if (!leavesFrom(j.ends[m]) || j.forbidden.has(f * d + m)) continue;
        turnFrom.push(arrive[j.ends[f]]);
        turnTo.push(leave[j.ends[m]]);
        turnOnto.push(j.ends[m]);
      }
    }
  }
  const N2 = N + copyOf.length;
  const T = turnFrom.length;
  const L2 = L + T;
  const nodeE7 = new Int32Array(2 * N2);
  nodeE7.set(a.nodeE7);
  const nodeSourceId = new Float64Array(N2);
  nodeSourceId.set(a.nodeSourceId);
  // A copy stands where its junction stands: same position, same OSM node, same height.
  const nodeElevM = a.nodeElevM ? new Float32Array(N2) : undefined;
  nodeElevM?.set(a.nodeElevM!);
  copyOf.forEach((v, i) => {
    nodeE7[2 * (N + i)] = a.nodeE7[2 * v];
    nodeE7[2 * (N + i) + 1] = a.nodeE7[2 * v + 1];
    nodeSourceId[N + i] = a.nodeSourceId[v];
    if (nodeElevM) nodeElevM[N + i] = a.nodeElevM![v];
  });
  const linkFrom = new Uint32Array(L2);
  const linkTo = new Uint32Array(L2);
  const linkLengthM = new Float64Array(L2);
  const linkClass = new Uint8Array(L2);
  const linkSourceId = new Float64Array(L2);
  const geomOffset = new Uint32Array(L2 + 1);
  for (let l = 0; l < L; l++) {
    linkFrom[l] = leave[2 * l];
    linkTo[l] = leave[2 * l + 1];
  }
  linkLengthM.set(a.linkLengthM);
  linkClass.set(a.linkClass);
  linkSourceId.set(a.linkSourceId);
  // A link's first step is from its start node, whose copy stands at the same position: the
  // geometry bytes stay valid as they are.
  geomOffset.set(a.geomOffset);
  const G = a.geomOffset[L];
  for (let t = 0; t < T; t++) {
    linkFrom[L + t] = turnFrom[t];
    linkTo[L + t] = turnTo[t];
    linkClass[L + t] = a.linkClass[turnOnto[t] >> 1];
    linkSourceId[L + t] = a.linkSourceId[turnOnto[t] >> 1];
    geomOffset[L + t + 1] = G;
  }
  // Edges: every open link direction from where it leaves to where it arrives, then the turns.
  const M = net.edgeCount + T;
  const src = new Uint32Array(M);
  const tgt = new Uint32Array(M);
  const time = new Float64Array(M);
  const code = new Uint32Array(M);
  let m = 0;
  for (let e = 0; e < net.edgeCount; e++) {
    const c = a.edgeLink[e];
    const l = c >> 1;
    // Forward (c even) leaves the `from` end (2l) and arrives at the `to` end (2l + 1).
    src[m] = leave[c & 1 ? 2 * l + 1 : 2 * l];
    tgt[m] = arrive[c & 1 ? 2 * l : 2 * l + 1];
    time[m] = a.edgeTimeS[e];
    code[m++] = c;
  }
  for (let t = 0; t < T; t++) {
    src[m] = turnFrom[t];
    tgt[m] = turnTo[t];
    time[m] = 0;
    code[m++] = 2 * (L + t);
  }
  const firstEdge = new Uint32Array(N2 + 1);
  for (let e = 0; e < M; e++) firstEdge[src[e] + 1]++;
  for (let i = 0; i < N2; i++) firstEdge[i + 1] += firstEdge[i];
  const fill = firstEdge.slice(0, N2);
  const edgeTarget = new Uint32Array(M);
  const edgeTimeS = new Float64Array(M);
  const edgeLink = new Uint32Array(M);
  for (let e = 0; e < M; e++) {
    const k = fill[src[e]]++;
    edgeTarget[k] = tgt[e];
    edgeTimeS[k] = time[e];
    edgeLink[k] = code[e];
  }
  return new RoadNetwork(
    {
      nodeE7,
      nodeSourceId,
      firstEdge,
      edgeTarget,
      edgeTimeS,
      edgeLink,
      linkFrom,
      linkTo,
      linkLengthM,
      linkClass,
      linkSourceId,
      geomOffset,
      geomDelta: a.geomDelta,
      // Turn links have no interior vertices, so the geometry (and its heights) is unchanged.
      ...(nodeElevM ? { nodeElevM, geomElevM: a.geomElevM } : {}),
    },
    { ...net.meta, turnLinks: T },
  );
}

const arrivalCache = new WeakMap<RoadNetwork, Uint32Array>();

/**
 * Where travel along each link arrives at its ends, as `[2l]` (its `linkFrom` end, travelling
 * back) and `[2l + 1]` (its `linkTo` end, travelling forward): the link's end node itself, except
 * at junctions split for turn restrictions, where it is the arrival node of that link. Null for
 * networks without restrictions (every arrival is at the end node). Cached per network.
 *
 * @param net - The network.
 * @example
 * const arrive = linkArrivalNodes(net);
 * const node = arrive ? arrive[2 * l + 1] : net.arrays.linkTo[l];
 */
export function linkArrivalNodes(net: RoadNetwork): Uint32Array | null {
  if (!net.meta.turnLinks) return null;
  let out = arrivalCache.get(net);
  if (out) return out;
  const { linkFrom, linkTo, edgeTarget } = net.arrays;
  out = new Uint32Array(2 * net.linkCount);
  for (let l = 0; l < net.linkCount; l++) {
    const f = net.linkEdge(l, true);
    const b = net.linkEdge(l, false);
    out[2 * l + 1] = f < 0 ? linkTo[l] : edgeTarget[f];
    out[2 * l] = b < 0 ? linkFrom[l] : edgeTarget[b];
  }
  arrivalCache.set(net, out);
  return out;
}
