import { optionsObject } from '../geo/check-args';
import type { OptionKeys } from '../geo/option-keys';
import { fromE7 } from '../geo/fixed';
import { type Components, strongComponents, weakComponents } from './components';
import type { ElevationMeta } from './elevation';
import { LinkGeometryReader } from './link-geometry';
import { decodeNetwork, encodeNetwork } from './network-buffer';
import { addOptionalSections, optionalSections } from './optional-sections';
import { type NetworkStats, networkStats } from './stats';
import type { NetworkWarning } from './warnings';

const TO_BUFFER_KEYS = { shared: true } satisfies OptionKeys<{ shared?: boolean }>;

/**
 * The typed arrays a network is made of. Nodes are junctions and dead ends; a *link* is one
 * compacted road piece between two nodes with its full geometry; an *edge* is one direction of a
 * link that the profile may travel, stored in compressed sparse row order by source node.
 */
export interface NetworkArrays {
  /**
   * `[lon0, lat0, lon1, lat1, …]` in 1e-7 degree (OSM's precision), one pair per node; read
   * degrees with `nodeLon(i)` / `nodeLat(i)`.
   */
  nodeE7: Int32Array;
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
   * The interior vertices of link `l` (between its end nodes) are bytes `geomOffset[l] …
   * geomOffset[l + 1] - 1` of `geomDelta`. The end nodes' positions are not repeated.
   */
  geomOffset: Uint32Array;
  /**
   * Interior vertices as zigzag-varint steps in 1e-7 degree from the previous vertex (the first
   * from `linkFrom`), longitude then latitude: see `link-geometry.ts`. Read them with
   * `linkCoordinates(l)` or a `LinkGeometryReader`.
   */
  geomDelta: Uint8Array;
  /** Metres above sea level per node; only in networks built with `elevation`. */
  nodeElevM?: Float32Array;
  /**
   * Metres per interior geometry vertex, in the order `linkVertexStarts` numbers them; only with
   * `elevation`.
   */
  geomElevM?: Float32Array;
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
  /** Turn restrictions built into the network (OSM relations placed on it); absent: none. */
  turnRestrictions?: number;
  /**
   * Zero-length turn links at junctions split for turn restrictions: the last `turnLinks` links
   * (see `splitRestrictedJunctions`); they are never snapped to. Absent: none.
   */
  turnLinks?: number;
  /** The DEM and slope model, in networks built with `elevation`. */
  elevation?: ElevationMeta;
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
  /** Junctions and dead ends; node ids are `0 … nodeCount - 1`. */
  readonly nodeCount: number;
  /** Directed edges: one per direction the profile may travel on a link. */
  readonly edgeCount: number;
  /** Compacted road pieces between two nodes, each with its full geometry. */
  readonly linkCount: number;
  /** The typed arrays the network is made of (see `NetworkArrays`); do not write into them. */
  readonly arrays: Readonly<NetworkArrays>;
  /** Profile, access speed, road classes and the warnings of the build. */
  readonly meta: Readonly<NetworkMeta>;
  private reverseCache: ReverseAdjacency | null = null;
  private weakCache: Components | null = null;
  private strongCache: Components | null = null;
  private reader: LinkGeometryReader | null = null;

  /**
   * Wraps arrays that already form a valid network; nothing is checked or copied. The builders
   * and `fromBuffer` call this — use them unless you produce CSR arrays yourself.
   *
   * @param arrays - The network's typed arrays, edges sorted by source node (see `NetworkArrays`).
   * @param meta - How it was built: profile name, access speed, class names, warnings.
   */
  constructor(arrays: NetworkArrays, meta: NetworkMeta) {
    this.arrays = arrays;
    this.meta = meta;
    this.nodeCount = arrays.firstEdge.length - 1;
    this.edgeCount = arrays.edgeTarget.length;
    this.linkCount = arrays.linkFrom.length;
  }

  /**
   * Longitude of node `i`, degrees.
   *
   * @param i - Node id, `0 … nodeCount - 1` (not checked: outside it the result is `undefined`).
   *
   * @example
   * const lonLat = [net.nodeLon(i), net.nodeLat(i)];
   */
  nodeLon(i: number): number {
    return fromE7(this.arrays.nodeE7[2 * i]);
  }

  /**
   * Latitude of node `i`, degrees.
   *
   * @param i - Node id, `0 … nodeCount - 1` (not checked: outside it the result is `undefined`).
   *
   * @example
   * const lonLat = [net.nodeLon(i), net.nodeLat(i)];
   */
  nodeLat(i: number): number {
    return fromE7(this.arrays.nodeE7[2 * i + 1]);
  }

  /**
   * Length of edge `e` in metres (the length of its link, the same both ways).
   *
   * @param e - Edge id, `0 … edgeCount - 1`.
   *
   * @example
   * const kmh = (net.edgeLengthM(e) / net.arrays.edgeTimeS[e]) * 3.6;
   */
  edgeLengthM(e: number): number {
    return this.arrays.linkLengthM[this.arrays.edgeLink[e] >>> 1];
  }

  /**
   * Geometry of link `l` as `[lon, lat]` pairs in degrees, from `linkFrom` to `linkTo`.
   *
   * @param l - Link id, `0 … linkCount - 1`; an edge's link is `net.arrays.edgeLink[e] >>> 1`.
   * @returns A fresh array of at least two positions (the end nodes and the vertices between).
   *
   * @example
   * net.linkCoordinates(0); // [[1.52, 42.55], [1.521, 42.551], …]
   */
  linkCoordinates(l: number): [number, number][] {
    this.reader ??= new LinkGeometryReader(this.arrays);
    const n = this.reader.read(l);
    const out: [number, number][] = new Array(n);
    for (let j = 0; j < n; j++) out[j] = [this.reader.lon(j), this.reader.lat(j)];
    return out;
  }

  /**
   * The edge travelling link `l` from `linkFrom` to `linkTo` (`forward`) or back, or -1 when the
   * profile may not go that way. Links keep no times of their own: the edge arrays hold them once.
   *
   * @param l - Link id, `0 … linkCount - 1`.
   * @param forward - `true` for the direction of the link's geometry (`linkFrom` → `linkTo`),
   *   `false` for the way back.
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

  /**
   * Seconds to travel link `l` forward (`linkFrom` → `linkTo`) or back; `Infinity` when closed.
   *
   * @param l - Link id, `0 … linkCount - 1`.
   * @param forward - `true` along the link's geometry, `false` against it.
   *
   * @example
   * const oneway = net.linkTimeS(l, false) === Infinity;
   */
  linkTimeS(l: number, forward: boolean): number {
    const e = this.linkEdge(l, forward);
    return e < 0 ? Infinity : this.arrays.edgeTimeS[e];
  }

  /**
   * The node edge `e` leaves (CSR keeps only targets; a binary search over `firstEdge`).
   *
   * @param e - Edge id, `0 … edgeCount - 1`.
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
   *
   * @example
   * const { firstEdge, edgeSource } = net.reverse();
   * for (let k = firstEdge[v]; k < firstEdge[v + 1]; k++) console.log(`${edgeSource[k]} → ${v}`);
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
   * @param kind - `'weak'` (default) or `'strong'`; each is computed on first use and cached.
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

  /**
   * Counts, road length by class, components and warnings. See `NetworkStats`. Computed afresh on
   * each call (the components behind it are cached).
   *
   * @example
   * const { nodes, edges, lengthKm, warnings } = net.stats();
   */
  stats(): NetworkStats {
    return networkStats(this);
  }

  /**
   * The whole network as one ArrayBuffer (magic `SRNET`, format version, metadata, typed arrays),
   * to cache on disk, send to a browser or share with workers. `fromBuffer` restores it exactly,
   * with its contraction hierarchy when one was prepared (`hierarchyFor`) or loaded with it.
   * `{ shared: true }` writes it into a SharedArrayBuffer, which worker threads read without a copy.
   *
   * @example
   * writeFileSync('county.srn', new Uint8Array(net.toBuffer()));
   * const shared = net.toBuffer({ shared: true }); // for new Worker(url, { workerData: shared })
   */
  toBuffer(): ArrayBuffer;
  /**
   * The whole network in a SharedArrayBuffer, which worker threads read without a copy.
   *
   * @param options - `shared: true` selects the SharedArrayBuffer.
   */
  toBuffer(options: { shared: true }): SharedArrayBuffer;
  toBuffer(options: { shared?: boolean } = {}): ArrayBuffer | SharedArrayBuffer {
    options = optionsObject(options, 'RoadNetwork.toBuffer', TO_BUFFER_KEYS);
    return encodeNetwork(this, options.shared === true, optionalSections(this));
  }

  /**
   * A network from `toBuffer()` output. The typed arrays are views on `buffer`: nothing is copied.
   * Throws `FormatError` on a wrong magic, an unsupported version or a truncated buffer.
   *
   * @param buffer - Bytes written by `toBuffer()`, from a file, a fetch or a worker. A `Uint8Array`
   *   at an offset that is not a multiple of 8 is copied once, since typed views need alignment.
   *
   * @example
   * const net = RoadNetwork.fromBuffer(await (await fetch('county.srn')).arrayBuffer());
   */
  static fromBuffer(buffer: ArrayBuffer | SharedArrayBuffer | Uint8Array): RoadNetwork {
    const { arrays, meta, extra } = decodeNetwork(buffer);
    const net = new RoadNetwork(arrays, meta);
    if (Object.keys(extra).length > 0) addOptionalSections(net, extra);
    return net;
  }
}
