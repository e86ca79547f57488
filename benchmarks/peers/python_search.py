#!/usr/bin/python3
"""Time scipy's, igraph's and networkx's Dijkstra on a graph exported by benchmarks/search.ts.

Usage: python_search.py <dir>   where <dir> holds
  indptr.u32, indices.u32, weights.f64   the network's forward CSR arrays (little endian)
  sources.i32                            single sources for one-to-all searches
  multi.i32                              seed nodes of one multi-source search (all at time 0)
Prints one JSON object: {"rows": [{"name", "medianMs", "checksum"}...], "versions": {...}}.
A checksum is the sum of finite times and the number reached, so the caller can confirm that the
peer computed the same thing. Libraries that are missing are skipped (listed under "missing").
"""
import json
import sys

import numpy as np

from timing import checksum, median_ms


def main(folder):
    indptr = np.fromfile(f"{folder}/indptr.u32", dtype="<u4").astype(np.int64)
    indices = np.fromfile(f"{folder}/indices.u32", dtype="<u4").astype(np.int64)
    weights = np.fromfile(f"{folder}/weights.f64", dtype="<f8")
    sources = np.fromfile(f"{folder}/sources.i32", dtype="<i4")
    multi = np.fromfile(f"{folder}/multi.i32", dtype="<i4")
    n = len(indptr) - 1
    rows, versions, missing = [], {}, []
    rowsrc = np.repeat(np.arange(n), np.diff(indptr))

    try:
        import scipy
        from scipy.sparse import csr_matrix
        from scipy.sparse.csgraph import dijkstra

        versions["scipy"] = scipy.__version__
        # Parallel edges: keep the fastest (a CSR matrix would otherwise sum duplicates).
        # Zero-time edges: csgraph drops explicit zeros, so they get the smallest positive time.
        order = np.lexsort((weights, indices, rowsrc))
        r, c, w = rowsrc[order], indices[order], weights[order]
        keep = np.ones(len(r), dtype=bool)
        keep[1:] = (r[1:] != r[:-1]) | (c[1:] != c[:-1])
        w = np.where(w[keep] > 0, w[keep], np.finfo(np.float64).tiny)
        m = csr_matrix((w, (r[keep], c[keep])), shape=(n, n))
        out = {}

        def one():
            for s in sources:
                out["one"] = dijkstra(m, directed=True, indices=int(s))

        def many():
            out["multi"] = dijkstra(m, directed=True, indices=multi, min_only=True)

        rows.append({"name": "scipy.sparse.csgraph.dijkstra one-to-all (per search)", "medianMs": median_ms(one) / len(sources), "checksum": checksum(out["one"])})
        rows.append({"name": "scipy.sparse.csgraph.dijkstra multi-source min_only", "medianMs": median_ms(many), "checksum": checksum(out["multi"])})
    except ImportError:
        missing.append("scipy")

    try:
        import igraph

        versions["igraph"] = igraph.__version__
        # One extra vertex joined to every seed by a zero-time edge makes the multi-source search.
        edges = np.column_stack([rowsrc, indices])
        extra = np.column_stack([np.full(len(multi), n), multi])
        g = igraph.Graph(n=n + 1, edges=np.vstack([edges, extra]).tolist(), directed=True)
        w = np.concatenate([weights, np.zeros(len(multi))]).tolist()
        out = {}

        # igraph returns Python lists (~17 s per search on 1M nodes): time one search once there.
        big = n > 200_000
        one_sources = sources[-1:] if big else sources

        def one():
            for s in one_sources:
                out["one"] = g.distances(source=[int(s)], weights=w, mode="out")[0][:n]

        def many():
            out["multi"] = g.distances(source=[n], weights=w, mode="out")[0][:n]

        rows.append({"name": "igraph distances one-to-all (per search)", "medianMs": median_ms(one, 1 if big else 3, not big) / len(one_sources), "checksum": checksum(out["one"])})
        rows.append({"name": "igraph distances multi-source (virtual source)", "medianMs": median_ms(many), "checksum": checksum(out["multi"])})
    except ImportError:
        missing.append("igraph")

    try:
        import networkx as nx

        versions["networkx"] = nx.__version__
        if n > 300_000:
            missing.append("networkx (skipped above 300,000 nodes: building its graph alone takes minutes)")
        else:
            G = nx.DiGraph()
            G.add_nodes_from(range(n))
            # parallel edges: keep the fastest, as a DiGraph holds one edge per pair
            for u, v, w in zip(rowsrc.tolist(), indices.tolist(), weights.tolist()):
                if not G.has_edge(u, v) or G[u][v]["t"] > w:
                    G.add_edge(u, v, t=w)
            out = {}

            def one():
                for s in sources:
                    d = nx.single_source_dijkstra_path_length(G, int(s), weight="t")
                    out["one"] = [d.get(v, float("inf")) for v in range(n)]

            def many():
                d = nx.multi_source_dijkstra_path_length(G, set(int(x) for x in multi), weight="t")
                out["multi"] = [d.get(v, float("inf")) for v in range(n)]

            rows.append({"name": "networkx single_source_dijkstra (per search)", "medianMs": median_ms(one) / len(sources), "checksum": checksum(out["one"])})
            rows.append({"name": "networkx multi_source_dijkstra", "medianMs": median_ms(many), "checksum": checksum(out["multi"])})
    except ImportError:
        missing.append("networkx")

    print(json.dumps({"rows": rows, "versions": versions, "missing": missing}))


if __name__ == "__main__":
    main(sys.argv[1])
