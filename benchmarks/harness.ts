import { cpus } from 'node:os';

/**
 * `--cpu`: time with this process's CPU time (all its threads) instead of the wall clock, and tell
 * the Python peers to do the same (BENCH_CLOCK=cpu): on a shared machine at a load of 10–20 the
 * wall clock of a call varied 5–20× between samples while its CPU time held.
 */
export const CPU_CLOCK = process.argv.includes('--cpu');
if (CPU_CLOCK) process.env.BENCH_CLOCK = 'cpu';

/** Milliseconds on the bench clock (wall, or CPU time with `--cpu`). */
export function now(): number {
  if (!CPU_CLOCK) return performance.now();
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** One measured figure; `ratio` is against the row named by `baseline` in the same run. */
export interface BenchRow {
  suite: string;
  name: string;
  medianMs: number;
  /** Throughput or size figure with its unit, e.g. "1.2M nodes/s". */
  figure?: string;
  baseline?: string;
  ratio?: number;
}

/**
 * Median wall time in ms of one call, over `runs` samples after warm-up. Calls shorter than ~20 ms
 * are timed in batches (a sample runs the call enough times to last ~20 ms) so that timer
 * resolution and JIT tiering do not dominate small figures.
 *
 * gc() runs once, before the warm-up, never between samples: a forced full GC makes V8 drop the
 * optimised code of the functions not running at that moment (--trace-opt: SearchEngine.run was
 * re-optimised 85 times in 200 calls with gc() before each), and re-optimising `run` took 90–460 ms
 * of background compilation on the loaded 2-core VM, so every sample of a 1–10 ms call ran
 * unoptimised code: nearestFacilities k=1 on Andorra measured 13–40 ms that way against 1–4 ms in
 * a plain loop. For the same reason a warm-up of at least one call goes on for ~300 ms (at most 50
 * calls), long enough for TurboFan to finish.
 */
export async function time(fn: () => unknown, runs = 5, warmup = 1): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  // On the bench clock: under load 300 ms of wall time can be a few calls' worth of CPU.
  const w0 = now();
  for (let i = 0; i < warmup || (warmup > 0 && i < 50 && now() - w0 < 300); i++) await fn();
  const t = now();
  await fn();
  const once = now() - t;
  // ~20 ms batches of CPU time scattered (k=3 measured below k=1): with --cpu they last ~200 ms.
  const target = CPU_CLOCK ? 200 : 20;
  const batch = once < target ? Math.min(1000, Math.ceil(target / Math.max(once, 0.01))) : 1;
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    for (let b = 0; b < batch; b++) await fn();
    ts.push((now() - t0) / batch);
  }
  ts.sort((a, b) => a - b);
  return ts[Math.floor(ts.length / 2)];
}

/** Fill in `ratio` of each row that names a baseline row of the same suite. */
export function withRatios(rows: BenchRow[]): BenchRow[] {
  return rows.map((r) => {
    if (!r.baseline) return r;
    const b = rows.find((x) => x.suite === r.suite && x.name === r.baseline);
    return b ? { ...r, ratio: r.medianMs / b.medianMs } : r;
  });
}

/** Machine line for result files. */
export function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}${CPU_CLOCK ? ', CPU time (--cpu)' : ''}`;
}

export function markdown(rows: BenchRow[]): string {
  const out = [
    '| suite | measurement | median ms | figure | vs baseline |',
    '|---|---|---:|---|---|',
  ];
  for (const r of rows) {
    const ratio =
      r.ratio === undefined
        ? ''
        : r.ratio < 1
          ? `${(1 / r.ratio).toFixed(1)}× faster than "${r.baseline}"`
          : `${r.ratio.toFixed(2)}× the time of "${r.baseline}"`;
    const ms = !Number.isFinite(r.medianMs)
      ? ''
      : r.medianMs < 10
        ? r.medianMs.toPrecision(3)
        : r.medianMs.toFixed(1);
    out.push(`| ${r.suite} | ${r.name} | ${ms} | ${r.figure ?? ''} | ${ratio} |`);
  }
  return out.join('\n');
}
