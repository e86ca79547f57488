"""Timing and checksums shared by the Python peer scripts (run as /usr/bin/python3 <script>, so this
folder is on the import path)."""
import os
import time

import numpy as np

# BENCH_CLOCK=cpu (npm run bench -- --cpu): process CPU time instead of wall time, as the Node side
# then measures, so a loaded shared machine inflates neither side.
clock = time.process_time if os.environ.get("BENCH_CLOCK") == "cpu" else time.perf_counter


def median_ms(fn, runs=3, warmup=True):
    """Median of `runs` timed calls after one warm-up call (none with warmup=False); a warm-up that
    took over a second counts as one of the runs, so slow peers are not run needlessly often."""
    ts = []
    if warmup:
        t0 = clock()
        fn()
        first = (clock() - t0) * 1000
        if first > 1000:
            ts.append(first)
    while len(ts) < runs:
        t0 = clock()
        fn()
        ts.append((clock() - t0) * 1000)
    ts.sort()
    return ts[len(ts) // 2]


def checksum(d):
    """Sum of the finite times and how many there are: the caller compares it with its own."""
    d = np.asarray(d, dtype=np.float64)
    finite = np.isfinite(d)
    return [float(d[finite].sum()), int(finite.sum())]
