import type { CoverageResult } from '../../analysis/coverage';
import { distanceNetwork } from '../../network/distance-network';
import { LinkGeometryReader } from '../../network/link-geometry';
import type { RoadNetwork } from '../../network/road-network';
import type { IndexedPoint } from '../../points/indexed-point';
import { placePoints } from '../../search/placed-points';
import { shortestPathTree } from '../../search/shortest-path-tree';
import type { MapFrame } from './frame';
import { simplifyPolyline } from './simplify';

/**
 * Each village's way to the facility that sets its time or distance, as an SVG `points` string in
 * report pixels (simplified at half a pixel), or null where no facility is reached. One
 * shortest-path tree towards the facilities per required kind (`direction: 'to'`) gives every
 * village's way at once; distance standards search the network's distance twin. The way starts at
 * the village, joins the road where it was snapped, and leaves the link by the end nearer the
 * facility (the exact split along the link is not redrawn).
 *
 * @param net - The network of the run's profile (a time network; its distance twin is made here).
 * @param run - The coverage run.
 * @param facilities - The facilities given to `coverage`.
 * @param frame - The map frame.
 * @returns One `points` string or null per village.
 *
 * @example
 * const ways = villageRoutes(walkNet, result, facilities, frame);
 */
export function villageRoutes(
  net: RoadNetwork,
  run: CoverageResult,
  facilities: readonly IndexedPoint[],
  frame: MapFrame,
): (string | null)[] {
  const timed = run.standard.thresholdMinutes !== undefined;
  const g = timed ? net : distanceNetwork(net);
  const rows = run.villages;
  const coords = new Float64Array(2 * rows.length);
  rows.forEach((v, i) => {
    coords[2 * i] = v.lon;
    coords[2 * i + 1] = v.lat;
  });
  const placed = placePoints(g, coords);
  const facIndex = new Map<string, number>();
  facilities.forEach((f, i) => {
    facIndex.set(String(f.id ?? i), i);
  });
  // Villages by the kind of their deciding facility; each kind's tree starts at the facilities
  // that decide some village (a subset holding every village's own, which stays its nearest).
  const byKind = new Map<string, { villages: number[]; facilities: Set<number> }>();
  rows.forEach((v, i) => {
    if (v.facility === null) return;
    const f = facIndex.get(String(v.facility));
    if (f === undefined) return;
    const kind = v.nearest.find((x) => x.facility === v.facility)?.category ?? '';
    let k = byKind.get(kind);
    if (!k) {
      k = { villages: [], facilities: new Set() };
      byKind.set(kind, k);
    }
    k.villages.push(i);
    k.facilities.add(f);
  });
  const out: (string | null)[] = new Array(rows.length).fill(null);
  const { linkFrom, linkTo, edgeLink, edgeTarget } = g.arrays;
  const reader = new LinkGeometryReader(g.arrays);
  const nodeLon = (v: number) => g.nodeLon(v);
  const nodeLat = (v: number) => g.nodeLat(v);
  const { snap } = placed;
  let xy = new Float64Array(1024);
  let n = 0;
  const push = (lon: number, lat: number) => {
    if (2 * n + 2 > xy.length) {
      const next = new Float64Array(2 * xy.length);
      next.set(xy);
      xy = next;
    }
    xy[2 * n] = frame.x(lon);
    xy[2 * n + 1] = frame.y(lat);
    n++;
  };
  const cos = Math.cos(((rows[0]?.lat ?? 0) * Math.PI) / 180);
  /**
   * The vertices of link `l` strictly between the position at `fraction` (by length) and its end
   * `toEnd` (linkTo, else linkFrom), as `[lon, lat, …]` in order from that position to the end.
   */
  const linkPart = (l: number, fraction: number, toEnd: boolean): number[] => {
    const m = reader.read(l);
    const pts: number[] = new Array(2 * m);
    for (let k = 0; k < 2 * m; k++) pts[k] = reader.e7[k] / 1e7;
    const cum = new Float64Array(m);
    for (let k = 1; k < m; k++)
      cum[k] =
        cum[k - 1] +
        Math.hypot((pts[2 * k] - pts[2 * k - 2]) * cos, pts[2 * k + 1] - pts[2 * k - 1]);
    const at = fraction * cum[m - 1];
    const out: number[] = [];
    if (toEnd) {
      for (let k = 1; k < m - 1; k++) if (cum[k] > at) out.push(pts[2 * k], pts[2 * k + 1]);
    } else for (let k = m - 2; k >= 1; k--) if (cum[k] < at) out.push(pts[2 * k], pts[2 * k + 1]);
    return out;
  };
  for (const kind of byKind.values()) {
    const starts: number[] = [];
    for (const f of kind.facilities) starts.push(facilities[f].lon, facilities[f].lat);
    const tree = shortestPathTree(g, starts, { direction: 'to' });
    const fsnap = tree.starts.snap;
    for (const i of kind.villages) {
      let l = snap.link[i];
      let lon = snap.lon[i];
      let lat = snap.lat[i];
      let fraction = snap.fraction[i];
      if (l < 0 || (snap.main.link[i] >= 0 && !Number.isFinite(tree.timeS[linkFrom[l]]))) {
        l = snap.main.link[i];
        lon = snap.main.lon[i];
        lat = snap.main.lat[i];
        fraction = snap.main.fraction[i];
      }
      if (l < 0) continue;
      const a = linkFrom[l];
      const b = linkTo[l];
      const viaA = tree.timeS[a] <= tree.timeS[b];
      let v = viaA ? a : b;
      if (!Number.isFinite(tree.timeS[v])) continue;
      n = 0;
      push(rows[i].lon, rows[i].lat);
      push(lon, lat);
      // Along the snapped link to the chosen end, then the tree's edges to a start node.
      const part = linkPart(l, fraction, !viaA);
      for (let k = 0; k < part.length; k += 2) push(part[k], part[k + 1]);
      push(nodeLon(v), nodeLat(v));
      for (let steps = 0; tree.predEdge[v] >= 0 && steps < 1_000_000; steps++) {
        const e = tree.predEdge[v];
        const link = edgeLink[e] >>> 1;
        const against = (edgeLink[e] & 1) === 1;
        // The link's vertices between its ends, in the direction travelled.
        const nv = reader.read(link);
        const ll = reader.e7;
        if (against) for (let k = nv - 2; k >= 1; k--) push(ll[2 * k] / 1e7, ll[2 * k + 1] / 1e7);
        else for (let k = 1; k < nv - 1; k++) push(ll[2 * k] / 1e7, ll[2 * k + 1] / 1e7);
        v = edgeTarget[e];
        push(nodeLon(v), nodeLat(v));
      }
      // From the start node along the facility's own link to where it was snapped.
      const st = tree.source[v];
      const fl = st >= 0 ? fsnap.link[st] : -1;
      if (fl >= 0 && (linkFrom[fl] === v || linkTo[fl] === v)) {
        const back = linkPart(fl, fsnap.fraction[st], linkTo[fl] === v);
        for (let k = back.length - 2; k >= 0; k -= 2) push(back[k], back[k + 1]);
        push(fsnap.lon[st], fsnap.lat[st]);
      }
      const f = facilities[facIndex.get(String(rows[i].facility)) as number];
      push(f.lon, f.lat);
      const keep = new Uint8Array(n);
      simplifyPolyline(xy, n, 0.5, keep, new Int32Array(2 * n));
      const pts: string[] = [];
      for (let k = 0; k < n; k++)
        if (keep[k]) pts.push(`${xy[2 * k].toFixed(1)},${xy[2 * k + 1].toFixed(1)}`);
      out[i] = pts.join(' ');
    }
  }
  return out;
}
