import { fromE7 } from '../geo/fixed';
import { type Components, strongComponents, weakComponents } from './components';
import { decodeNetwork, encodeNetwork } from './network-buffer';
import { type NetworkStats, networkStats } from './stats';
import type { NetworkWarning } from './warnings';

/**
 * The typed arrays a network is made of. Nodes are junctions and dead ends; a *link* is one
 * compacted road piece between two nodes with its full geometry; an *edge* is one direction of a
 * link that the profile may travel, stored in compressed sparse row order by source node.
 */
export interface NetworkArrays {
  /** `[lon0, lat0, lon1, lat1, …]` in degrees, one pair per node. */
  nodeCoords: Float64Array;
  /** OSM node id of each node, or -1 when built from GeoJSON. */
  nodeSourceId: Float64Array;
  /** Edges leaving node `i` are `firstEdge[i] … firstEdge[i + 1] - 1`. Length `nodeCount + 1`. */
  firstEdge: Uint32Array;
  edgeTarget: Uint32Array;
  /** Travel time of the edge, seconds. */
  edgeTimeS: Float64Array;
  /** `link * 2 + 1` when the edge runs against the link's geometry, `link * 2` along it. */
  edgeLink: Uint32Array;
  linkFrom: Uint32Array;
  linkTo: Uint32Array;
  linkLengthM: Float64Array;
  /** Index into `classNames`. Links never span a change of class. */
  linkClass: Uint8Array;
  /** OSM way id (or GeoJSON feature index) of the first way the link was built from. */
  linkSourceId: Float64Array;
  /**
   * Interior vertices of link `l` (between its end nodes) are `geomStart[l] … geomStart[l + 1] - 1`.
   * The end nodes' positions are not repeated here: that saves ~8 bytes per edge.
   */
  geomStart: Uint32Array;
  /** Interior vertex coordinates as integers of 1e-7 degree: `[lon, lat, …]`. */
  geomE7: Int32Array;
}

/** What a network records about how it was built. */
export interface NetworkMeta {
  /** Name of the speed profile. */
  profile: string;
  /** Off-road access speed of the profile, km/h (used when snapping points). */
  accessKmh: number;
  /** Road class names indexed by `linkClass`. */
  classNames: string[];
  /** Input that was skipped or degraded, by kind. */
  warnings: NetworkWarning[];
  /** Ways or features read from the input, and how many became part of the network. */
  inputWays: number;
  usedWays: number;
}

/** Reverse adjacency: the edges arriving at each node, for "travel time to" searches. */
export interface ReverseAdjacency {
  /** Edges arriving at node `i` are `firstEdge[i] … firstEdge[i + 1] - 1` of the arrays below. */
  firstEdge: Uint32Array;
  /** Source node of each arriving edge. */
  edgeSource: Uint32Array;
  edgeTimeS: Float64Array;
  /** Index of the same edge in the forward arrays. */
  forwardEdge: Uint32Array;
}

/**
 * A routable road network in compressed sparse row typed arrays. Build one with
 * `buildNetworkFromOsm` / `buildNetworkFromGeoJson` (or `loadNetwork` in `servicereach/node`);
 * it is immutable afterwards, so searches can share it freely.
 *
 * @example
 * const net = buildNetworkFromGeoJson(roads, { profile: 'walk' });
 * net.nodeCount; net.edgeCount;
 * const saved = net.toBuffer();
 * const again = RoadNetwork.fromBuffer(saved);
 */
export class RoadNetwork {
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly linkCount: number;
  readonly arrays: Readonly<NetworkArrays>;
  readonly meta: Readonly<NetworkMeta>;
  private reverseCache: ReverseAdjacency | null = null;
  private weakCache: Components | null = null;
  private strongCache: Components | null = null;

  constructor(arrays: NetworkArrays, meta: NetworkMeta) {
    this.arrays = arrays;
    this.meta = meta;
    this.nodeCount = arrays.firstEdge.length - 1;
    this.edgeCount = arrays.edgeTarget.length;
    this.linkCount = arrays.linkFrom.length;
  }

  /** Longitude of node `i`, degrees. */
  nodeLon(i: number): number {
    return this.arrays.nodeCoords[2 * i];
  }

  /** Latitude of node `i`, degrees. */
  nodeLat(i: number): number {
    return this.arrays.nodeCoords[2 * i + 1];
  }

  /** Length of edge `e` in metres (the length of its link). */
  edgeLengthM(e: number): number {
    return this.arrays.linkLengthM[this.arrays.edgeLink[e] >>> 1];
  }

  /**
   * Geometry of link `l` as `[lon, lat]` pairs in degrees, from `linkFrom` to `linkTo`.
   *
   * @example
   * net.linkCoordinates(0); // [[1.52, 42.55], [1.521, 42.551], …]
   */
  linkCoordinates(l: number): [number, number][] {
    const { geomStart, geomE7, linkFrom, linkTo } = this.arrays;
    const out: [number, number][] = [[this.nodeLon(linkFrom[l]), this.nodeLat(linkFrom[l])]];
    for (let v = geomStart[l]; v < geomStart[l + 1]; v++)
      out.push([fromE7(geomE7[2 * v]), fromE7(geomE7[2 * v + 1])]);
    out.push([this.nodeLon(linkTo[l]), this.nodeLat(linkTo[l])]);
    return out;
  }

  /**
   * The edge travelling link `l` from `linkFrom` to `linkTo` (`forward`) or back, or -1 when the
   * profile may not go that way. Links keep no times of their own: the edge arrays hold them once.
   *
   * @example
   * const e = net.linkEdge(l, true);
   * const seconds = e < 0 ? Infinity : net.arrays.edgeTimeS[e];
   */
  linkEdge(l: number, forward: boolean): number {
    const { firstEdge, edgeLink, linkFrom, linkTo } = this.arrays;
    const u = forward ? linkFrom[l] : linkTo[l];
    const want = forward ? 2 * l : 2 * l + 1;
    for (let e = firstEdge[u]; e < firstEdge[u + 1]; e++) if (edgeLink[e] === want) return e;
    return -1;
  }

  /** Seconds to travel link `l` forward (`linkFrom` → `linkTo`) or back; `Infinity` when closed. */
  linkTimeS(l: number, forward: boolean): number {
    const e = this.linkEdge(l, forward);
    return e < 0 ? Infinity : this.arrays.edgeTimeS[e];
  }

  /**
   * The node edge `e` leaves (CSR keeps only targets; a binary search over `firstEdge`).
   *
   * @example
   * const u = net.edgeSource(e); // net.arrays.edgeTarget[e] is where it arrives
   */
  edgeSource(e: number): number {
    const { firstEdge } = this.arrays;
    let lo = 0;
    let hi = this.nodeCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (firstEdge[mid + 1] <= e) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Edges arriving at each node, built on first use and cached (one-way networks need it for
   * "travel time to a facility" searches).
   */
  reverse(): ReverseAdjacency {
    if (this.reverseCache) return this.reverseCache;
    const { firstEdge, edgeTarget, edgeTimeS } = this.arrays;
    const n = this.nodeCount;
    const m = this.edgeCount;
    const first = new Uint32Array(n + 1);
    for (let e = 0; e < m; e++) first[edgeTarget[e] + 1]++;
    for (let i = 0; i < n; i++) first[i + 1] += first[i];
    const fill = first.slice(0, n);
    const edgeSource = new Uint32Array(m);
    const time = new Float64Array(m);
    const forwardEdge = new Uint32Array(m);
    for (let u = 0; u < n; u++) {
      for (let e = firstEdge[u]; e < firstEdge[u + 1]; e++) {
        const k = fill[edgeTarget[e]]++;
        edgeSource[k] = u;
        time[k] = edgeTimeS[e];
        forwardEdge[k] = e;
      }
    }
    this.reverseCache = { firstEdge: first, edgeSource, edgeTimeS: time, forwardEdge };
    return this.reverseCache;
  }

  /**
   * Connected components, label 0 being the largest. `weak` ignores edge direction; `strong`
   * (mutual reachability) is what matters on one-way networks: a node outside the largest strong
   * component can be reached but not left, or the other way round.
   *
   * @example
   * const { count, sizes, label } = net.components('strong');
   */
  components(kind: 'weak' | 'strong' = 'weak'): Components {
    if (kind === 'weak') {
      this.weakCache ??= weakComponents(this);
      return this.weakCache;
    }
    this.strongCache ??= strongComponents(this);
    return this.strongCache;
  }

  /** Counts, road length by class, components and warnings. See `NetworkStats`. */
  stats(): NetworkStats {
    return networkStats(this);
  }

  /**
   * The whole network as one ArrayBuffer (magic `SRNET`, format version, metadata, typed arrays),
   * to cache on disk, send to a browser or share with workers. `fromBuffer` restores it exactly.
   * `{ shared: true }` writes it into a SharedArrayBuffer, which worker threads read without a copy.
   *
   * @example
   * writeFileSync('county.srn', new Uint8Array(net.toBuffer()));
   * const shared = net.toBuffer({ shared: true }); // for new Worker(url, { workerData: shared })
   */
  toBuffer(): ArrayBuffer;
  toBuffer(options: { shared: true }): SharedArrayBuffer;
  toBuffer(options: { shared?: boolean } = {}): ArrayBuffer | SharedArrayBuffer {
    return encodeNetwork(this, options.shared === true);
  }

  /**
   * A network from `toBuffer()` output. The typed arrays are views on `buffer`: nothing is copied.
   * Throws `FormatError` on a wrong magic, an unsupported version or a truncated buffer.
   *
   * @example
   * const net = RoadNetwork.fromBuffer(await (await fetch('county.srn')).arrayBuffer());
   */
  static fromBuffer(buffer: ArrayBuffer | SharedArrayBuffer | Uint8Array): RoadNetwork {
    const { arrays, meta } = decodeNetwork(buffer);
    return new RoadNetwork(arrays, meta);
  }
}
