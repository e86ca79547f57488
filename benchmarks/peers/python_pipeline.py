#!/usr/bin/python3
"""Time the nearest-node pipeline (pandana-style) on the main job of benchmarks/main-job.ts.

Usage: python_pipeline.py <dir>   where <dir> holds
  indptr.u32, indices.u32, weights.f64   the network's forward CSR arrays (little endian)
  nodes.f64        [lon0, lat0, ...] of every node
  villages.f64, facilities.f64   [lon0, lat0, ...] of the points
Each point is moved to its nearest node by a KD-tree (scipy.spatial.cKDTree on longitudes scaled by
the cosine of the middle latitude, and latitudes), then one multi-source backward search from the
facilities' nodes (scipy.sparse.csgraph.dijkstra min_only) gives every village node its time. The
tree and the transposed matrix are built untimed (as the segment index is on our side); timed: the
tree queries and the search. Prints {"medianMs", "meanS", "reached"} (CPU time with BENCH_CLOCK=cpu).
"""
import json
import sys

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra
from scipy.spatial import cKDTree

from timing import median_ms


def main(folder):
    indptr = np.fromfile(f"{folder}/indptr.u32", dtype="<u4").astype(np.int64)
    indices = np.fromfile(f"{folder}/indices.u32", dtype="<u4").astype(np.int64)
    weights = np.fromfile(f"{folder}/weights.f64", dtype="<f8")
    nodes = np.fromfile(f"{folder}/nodes.f64", dtype="<f8").reshape(-1, 2)
    villages = np.fromfile(f"{folder}/villages.f64", dtype="<f8").reshape(-1, 2)
    facilities = np.fromfile(f"{folder}/facilities.f64", dtype="<f8").reshape(-1, 2)
    n = len(indptr) - 1
    rowsrc = np.repeat(np.arange(n), np.diff(indptr))
    # Parallel edges: the fastest; zero times: the smallest positive (csgraph drops explicit zeros).
    order = np.lexsort((weights, indices, rowsrc))
    r, c, w = rowsrc[order], indices[order], weights[order]
    keep = np.ones(len(r), dtype=bool)
    keep[1:] = (r[1:] != r[:-1]) | (c[1:] != c[:-1])
    w = np.where(w[keep] > 0, w[keep], np.finfo(np.float64).tiny)
    backward = csr_matrix((w, (r[keep], c[keep])), shape=(n, n)).T.tocsr()
    scale = np.array([np.cos(np.radians(nodes[:, 1].mean())), 1.0])
    tree = cKDTree(nodes * scale)
    out = {}

    def job():
        _, vnode = tree.query(villages * scale)
        _, fnode = tree.query(facilities * scale)
        d = dijkstra(backward, directed=True, indices=np.unique(fnode), min_only=True)
        out["t"] = d[vnode]

    ms = median_ms(job, runs=5)
    t = out["t"]
    finite = np.isfinite(t)
    print(json.dumps({"medianMs": ms, "meanS": float(t[finite].mean()), "reached": int(finite.sum())}))


if __name__ == "__main__":
    main(sys.argv[1])
