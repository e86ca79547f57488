import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = join(ROOT, 'dist/cli.js');

/** Run the built CLI; exit code, stdout and stderr. */
export function runCli(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Build dist/ once when a test file starts without it (npm test builds first anyway). */
export function ensureBuilt(): void {
  if (!existsSync(CLI) || !existsSync(join(ROOT, 'dist/pool-worker.js')))
    execFileSync('npx', ['tsup'], { cwd: ROOT, stdio: 'ignore' });
}
