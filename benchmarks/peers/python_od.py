#!/usr/bin/python3
"""Time scipy's and igraph's Dijkstra on OD-matrix and k-nearest questions from benchmarks/od.ts.

Usage: python_od.py <dir>   where <dir> holds
  <g>.indptr.u32, <g>.indices.u32, <g>.weights.f64   forward CSR arrays of graph g (little endian)
  jobs.json    [{"id", "graph", "kind", "sources", "targets", "k", "peers", "sample", "runs"}]
kind "matrix": times from every source to every target, one search per source, only the target
  columns kept (the rows are cut to them as they come, in chunks, so 1M-node graphs fit in memory);
kind "nearest": for every target the k smallest times from it to any source: k = 1 is one
  multi-source search backwards (scipy min_only; igraph through one extra vertex joined to every
  source), k > 1 one backward search per source and the k smallest per target.
"sample": time on the first `sample` sources and scale to all of them (no checksum then).
Prints {"rows": [{"id", "peer", "method", "medianMs", "checksum"}], "missing": [...]}; a checksum is
the sum of the finite answers and how many there are, for the caller to compare with its own.
"""
import json
import sys

import numpy as np

from timing import checksum, median_ms


def k_smallest(d, k):
    """The k smallest of each column of d (sources × targets)."""
    if d.shape[0] <= k:
        return d
    return np.partition(d, k - 1, axis=0)[:k]


def load(folder, g):
    indptr = np.fromfile(f"{folder}/{g}.indptr.u32", dtype="<u4").astype(np.int64)
    indices = np.fromfile(f"{folder}/{g}.indices.u32", dtype="<u4").astype(np.int64)
    weights = np.fromfile(f"{folder}/{g}.weights.f64", dtype="<f8")
    return indptr, indices, weights


class ScipyPeer:
    name = "scipy.sparse.csgraph.dijkstra"

    def __init__(self, indptr, indices, weights):
        from scipy.sparse import csr_matrix

        n = len(indptr) - 1
        rowsrc = np.repeat(np.arange(n), np.diff(indptr))
        # Parallel edges: keep the fastest (a CSR matrix would otherwise sum duplicates).
        # Zero-time edges: csgraph drops explicit zeros, so they get the smallest positive time.
        order = np.lexsort((weights, indices, rowsrc))
        r, c, w = rowsrc[order], indices[order], weights[order]
        keep = np.ones(len(r), dtype=bool)
        keep[1:] = (r[1:] != r[:-1]) | (c[1:] != c[:-1])
        w = np.where(w[keep] > 0, w[keep], np.finfo(np.float64).tiny)
        self.n = n
        self.m = csr_matrix((w, (r[keep], c[keep])), shape=(n, n))
        self._mt = None

    def prepare(self, kind, sources):
        if kind == "nearest" and self._mt is None:
            self._mt = self.m.T.tocsr()  # backward searches, built once (like our cached reverse())

    def rows(self, graph, sources, targets):
        """sources × targets, one search per source, chunked so a chunk of full rows stays ≤ 256 MB."""
        from scipy.sparse.csgraph import dijkstra

        out = np.empty((len(sources), len(targets)))
        step = max(1, (1 << 25) // self.n)
        for i in range(0, len(sources), step):
            out[i : i + step] = dijkstra(graph, directed=True, indices=sources[i : i + step])[:, targets]
        return out

    def matrix(self, sources, targets):
        return self.rows(self.m, sources, targets), "indices= one search per origin"

    def nearest(self, sources, targets, k):
        from scipy.sparse.csgraph import dijkstra

        if k == 1:
            return dijkstra(self._mt, directed=True, indices=sources, min_only=True)[targets], "multi-source min_only"
        return k_smallest(self.rows(self._mt, sources, targets), k), f"one search per facility, {k} smallest per village"


class IgraphPeer:
    name = "igraph distances"

    def __init__(self, indptr, indices, weights):
        import igraph

        n = len(indptr) - 1
        rowsrc = np.repeat(np.arange(n), np.diff(indptr))
        self.n = n
        # One spare vertex (n) for multi-source searches; its edges are added per question.
        self.g = igraph.Graph(n=n + 1, edges=np.column_stack([rowsrc, indices]).tolist(), directed=True)
        self.g.es["weight"] = weights.tolist()
        self.base = self.g.ecount()

    def prepare(self, kind, sources):
        # The spare vertex, reached from every source by a zero-time edge, makes the multi-source search.
        self.g.delete_edges(range(self.base, self.g.ecount()))
        if kind == "nearest":
            self.g.add_edges([(int(s), self.n) for s in sources], attributes={"weight": [0.0] * len(sources)})

    def matrix(self, sources, targets):
        d = self.g.distances(source=sources.tolist(), target=targets.tolist(), weights="weight", mode="out")
        return np.array(d, dtype=np.float64), "source=, target= (one search per origin)"

    def nearest(self, sources, targets, k):
        if k == 1:
            d = self.g.distances(source=[self.n], target=targets.tolist(), weights="weight", mode="in")[0]
            return np.array(d, dtype=np.float64), "multi-source (virtual source)"
        d = self.g.distances(source=sources.tolist(), target=targets.tolist(), weights="weight", mode="in")
        return k_smallest(np.array(d, dtype=np.float64), k), f"one search per facility, {k} smallest per village"


def main(folder):
    jobs = json.load(open(f"{folder}/jobs.json"))
    kinds = {"scipy": ScipyPeer, "igraph": IgraphPeer}
    missing = []
    try:
        import scipy  # noqa: F401
    except ImportError:
        missing.append("scipy")
        del kinds["scipy"]
    try:
        import igraph  # noqa: F401
    except ImportError:
        missing.append("igraph")
        del kinds["igraph"]
    rows = []
    for graph in sorted({job["graph"] for job in jobs}):
        mine = [job for job in jobs if job["graph"] == graph]
        for peer, make in kinds.items():
            if not any(peer in job["peers"] for job in mine):
                continue
            p = make(*load(folder, graph))  # one peer graph alive at a time: 1M-node graphs are large
            for job in mine:
                if peer not in job["peers"]:
                    continue
                sources = np.asarray(job["sources"], dtype=np.int64)
                targets = np.asarray(job["targets"], dtype=np.int64)
                sample = job.get("sample")
                timed = sources[:sample] if sample else sources
                out = {}
                p.prepare(job["kind"], timed)

                def run():
                    if job["kind"] == "matrix":
                        out["d"], out["method"] = p.matrix(timed, targets)
                    else:
                        out["d"], out["method"] = p.nearest(timed, targets, job.get("k", 1))

                ms = median_ms(run, job["runs"])
                if sample:
                    ms *= len(sources) / len(timed)
                rows.append({"id": job["id"], "peer": p.name, "method": out["method"], "medianMs": ms, "checksum": None if sample else checksum(out["d"])})
            del p
    print(json.dumps({"rows": rows, "missing": missing}))


if __name__ == "__main__":
    main(sys.argv[1])
