import type { RoadNetwork } from '../network/road-network';

const ROWS_PER_CHUNK = 8192;

/**
 * The network's nodes as CSV text chunks: header `node,lon,lat`, one row per node, numbers in
 * shortest round-trip form so a reader gets the exact stored values. Chunked so million-node
 * networks stream to disk without one giant string.
 *
 * @param net - The network; `node` is the id the edges refer to, `lon` / `lat` in degrees.
 *
 * @example
 * for (const chunk of networkNodesCsv(net)) out.write(chunk);
 */
export function* networkNodesCsv(net: RoadNetwork): Generator<string> {
  let rows = ['node,lon,lat'];
  for (let i = 0; i < net.nodeCount; i++) {
    rows.push(`${i},${net.nodeLon(i)},${net.nodeLat(i)}`);
    if (rows.length >= ROWS_PER_CHUNK) {
      yield `${rows.join('\n')}\n`;
      rows = [];
    }
  }
  if (rows.length) yield `${rows.join('\n')}\n`;
}

/**
 * The network's directed edges as CSV text chunks: header `edge,from,to,lengthM,timeS`, one row
 * per edge in CSR order (the edge id is its index), for igraph, networkx or pgRouting.
 *
 * @param net - The network; lengths in metres, times in seconds, `from` / `to` node ids as in
 *   `networkNodesCsv`. A two-way road is two rows, a one-way one.
 *
 * @example
 * writeFileSync('edges.csv', [...networkEdgesCsv(net)].join(''));
 */
export function* networkEdgesCsv(net: RoadNetwork): Generator<string> {
  const { firstEdge, edgeTarget, edgeTimeS } = net.arrays;
  let rows = ['edge,from,to,lengthM,timeS'];
  for (let u = 0; u < net.nodeCount; u++) {
    for (let e = firstEdge[u]; e < firstEdge[u + 1]; e++) {
      rows.push(`${e},${u},${edgeTarget[e]},${net.edgeLengthM(e)},${edgeTimeS[e]}`);
      if (rows.length >= ROWS_PER_CHUNK) {
        yield `${rows.join('\n')}\n`;
        rows = [];
      }
    }
  }
  if (rows.length) yield `${rows.join('\n')}\n`;
}
