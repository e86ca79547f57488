import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = join(ROOT, 'dist/cli.js');

/** What a CLI run gave: exit code, stdout and stderr. */
export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

/**
 * Run the CLI in this process through `main` (from src/, no build needed), collecting its output.
 * Its stderr is not a terminal, as when piped: no progress lines.
 */
export function runCli(...args: string[]): Promise<CliResult> {
  return runWith(false, args);
}

/** `runCli` with a stderr that says it is a terminal, where progress lines are drawn. */
export function runCliOnTty(...args: string[]): Promise<CliResult> {
  return runWith(true, args);
}

async function runWith(isTTY: boolean, args: string[]): Promise<CliResult> {
  // Loaded on first use: the test files that only want ROOT or ensureBuilt do not load the CLI.
  const { main } = await import('../../src/cli/main');
  let out = '';
  let err = '';
  const code = await main(args, {
    stdout: { write: (s: string) => (out += s) },
    stderr: { isTTY, write: (s: string) => (err += s) },
  });
  return { code, out, err };
}

/** Run the built executable, dist/cli.js, in a child process (build it first: `npx tsup`). */
export function runBin(...args: string[]): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/**
 * Build dist/ once when a test file starts without it (npm test builds first anyway): the bin
 * tests run dist/cli.js, and worker-thread runs need dist/pool-worker.js.
 */
export function ensureBuilt(): void {
  if (!existsSync(CLI) || !existsSync(join(ROOT, 'dist/pool-worker.js')))
    execFileSync('npx', ['tsup'], { cwd: ROOT, stdio: 'ignore' });
}
