import type { RoadNetwork } from '../../src/index';
import type { PlacedPoints } from '../../src/engine';

/**
 * Independent model of travel between snapped points: every entry of every point (its nearest
 * road, and its main-network road when it has one) becomes a vertex inserted into its link (the link's directed edges are replaced by a chain through the points, each piece taking
 * its share of the link time; points at the same position, or exactly on an end node, are joined
 * both ways at no cost), plus one off-road vertex per point joined to each entry vertex by that
 * entry's access leg. All-pairs times by Floyd–Warshall, never passing through an off-road vertex
 * (a trip does not cut across another point's two entries). Returns the matrix and the off-road vertex of each point of each set.
 */
export function splitOracle(
  net: RoadNetwork,
  sets: PlacedPoints[],
): { d: Float64Array; size: number; outer: number[][] } {
  let size = net.nodeCount;
  const edges: [number, number, number][] = [];
  const onLink = new Map<number, { f: number; v: number }[]>();
  const isOuter = new Set<number>();
  const outer: number[][] = sets.map((p) =>
    Array.from({ length: p.snap.count }, (_, i) => {
      const o = size++;
      isOuter.add(o);
      const entries = [
        { l: p.snap.link[i], f: p.snap.fraction[i], access: p.accessS[i] },
        { l: p.snap.main.link[i], f: p.snap.main.fraction[i], access: p.main.accessS[i] },
      ];
      for (const { l, f, access } of entries) {
        if (l < 0) continue;
        const v = size++;
        edges.push([o, v, access], [v, o, access]);
        const list = onLink.get(l) ?? [];
        list.push({ f, v });
        onLink.set(l, list);
      }
      return o;
    }),
  );
  const { firstEdge, edgeTarget, edgeTimeS, edgeLink, linkFrom, linkTo } = net.arrays;
  for (let u = 0; u < net.nodeCount; u++)
    for (let e = firstEdge[u]; e < firstEdge[u + 1]; e++)
      if (!onLink.has(edgeLink[e] >>> 1)) edges.push([u, edgeTarget[e], edgeTimeS[e]]);
  for (const [l, pts] of onLink) {
    pts.sort((a, b) => a.f - b.f);
    const chain = [{ f: 0, v: linkFrom[l] }, ...pts, { f: 1, v: linkTo[l] }];
    const fw = net.linkTimeS(l, true);
    const bw = net.linkTimeS(l, false);
    for (let i = 0; i + 1 < chain.length; i++) {
      const df = chain[i + 1].f - chain[i].f;
      // Points at the same position (a point exactly on an end node) are one place: no direction.
      if (fw < Infinity || df === 0)
        edges.push([chain[i].v, chain[i + 1].v, df === 0 ? 0 : df * fw]);
      if (bw < Infinity || df === 0)
        edges.push([chain[i + 1].v, chain[i].v, df === 0 ? 0 : df * bw]);
    }
  }
  const d = new Float64Array(size * size).fill(Infinity);
  for (let i = 0; i < size; i++) d[i * size + i] = 0;
  for (const [a, b, t] of edges) d[a * size + b] = Math.min(d[a * size + b], t);
  for (let k = 0; k < size; k++) {
    if (isOuter.has(k)) continue;
    for (let i = 0; i < size; i++) {
      const dik = d[i * size + k];
      if (dik === Infinity) continue;
      for (let j = 0; j < size; j++)
        if (dik + d[k * size + j] < d[i * size + j]) d[i * size + j] = dik + d[k * size + j];
    }
  }
  return { d, size, outer };
}
