import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { InputError } from '../errors';

/**
 * The first `n` bytes of a file (fewer if it is shorter), for sniffing its format.
 * Throws `InputError` `file-not-found` naming the path.
 */
export function readHead(path: string, n = 64): Uint8Array {
  assertFile(path);
  const fd = openSync(path, 'r');
  try {
    const buf = new Uint8Array(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/** Throws `InputError` `file-not-found` unless `path` is an existing regular file. */
export function assertFile(path: string): void {
  if (!existsSync(path)) throw new InputError('file-not-found', `file not found: ${path}`);
  if (!statSync(path).isFile()) throw new InputError('not-a-file', `not a file: ${path}`);
}
