import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors';
import { gunzipBytes, gunzipHead, isGzip } from '../inputs/gzip';

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
  if (!existsSync(path))
    throw new InputError('file-not-found', `file not found: ${path}`, {
      zh: `找不到文件：${path}`,
    });
  if (!statSync(path).isFile())
    throw new InputError('not-a-file', `not a file: ${path}`, {
      zh: `不是文件（可能是文件夹）：${path}`,
    });
}

/**
 * The first decompressed characters of a gzipped file (`''` when it is not gzip), so a `.gz` of
 * GeoJSON or CSV is told from gzipped OSM XML by its content, never by its name.
 */
export function gzippedTextStart(path: string): string {
  const head = readHead(path, 65536);
  if (!isGzip(head)) return '';
  return new TextDecoder().decode(gunzipHead(head, 256)).trimStart();
}

/**
 * A file's bytes, decompressed first when its content is gzip (with the CRC and length checks of
 * `gunzipBytes`, so a damaged `.gz` is `corrupt-gzip` naming the file).
 */
export function readFileBytes(path: string): Uint8Array {
  const bytes = new Uint8Array(readFileSync(path));
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipBytes(bytes);
  } catch (e) {
    if (e instanceof Error && 'code' in e)
      throw new InputError(String((e as { code: unknown }).code), `${path}: ${e.message}`, {
        cause: e,
      });
    throw e;
  }
}

/** A UTF-8 text file as a string, decompressed first when its content is gzip. */
export function readTextFile(path: string): string {
  return new TextDecoder().decode(readFileBytes(path));
}

/** What one output file holds: text, bytes, or a sequence of either written one after another. */
export type FileData = string | Uint8Array | Iterable<string | Uint8Array>;

// What a file-system error code means for the person who asked for the output.
const CAUSES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'its directory does not exist',
  ENOTDIR: 'a parent in the path is not a directory',
  EISDIR: 'it is a directory',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
  EFBIG: 'the file is too large for the file system',
  EIO: 'input/output error',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  EXDEV: 'it is on another file system',
};

/**
 * The `InputError` (`write-failed`, exit 1 in the CLI) for a failed write: it names the path the
 * caller asked for — not a temporary file — and the cause in words with the system's code.
 */
export function writeError(path: string, e: unknown): InputError {
  const code = (e as { code?: unknown })?.code;
  const why =
    typeof code === 'string'
      ? `${CAUSES[code] ?? (e as Error).message} (${code})`
      : String((e as Error)?.message ?? e);
  return new InputError('write-failed', `cannot write ${path}: ${why}`, { cause: e });
}

const tempName = (target: string, tag: string) =>
  join(
    dirname(target),
    `.${basename(target)}.${tag}-${process.pid}-${randomBytes(4).toString('hex')}`,
  );

function writeAll(fd: number, data: FileData): void {
  const chunks = typeof data === 'string' || data instanceof Uint8Array ? [data] : data;
  for (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
  }
}

function writeAndSync(
  path: string,
  data: FileData,
  flags: string,
  sync = true,
  mode = 0o644,
): void {
  const fd = openSync(path, flags, mode);
  try {
    writeAll(fd, data);
    if (sync) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Best effort: make a rename durable; some file systems refuse fsync on a directory. */
function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // nothing to do: the rename itself is atomic, only its durability across a power cut is lost
  }
}

/**
 * Writes a file so that a reader sees either the old content or the whole new content, never a
 * truncated mix: the data goes to a temporary file beside the target, is fsynced, then renamed over
 * it. A kill or a full disk midway leaves the old file intact (and at worst a `.name.tmp-…` file).
 * A target that exists and is not a regular file (`/dev/stdout`, a FIFO, `/dev/full`) is written
 * in place, since it cannot be replaced. Any failure throws `writeError` naming `path`.
 */
export function writeFileAtomic(path: string, data: FileData): void {
  let target = path;
  let special = false;
  let mode = 0o644;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    special = !st.isFile();
    mode = st.mode & 0o7777; // the replacement keeps the old file's permissions
    target = realpathSync(path); // replace the file a symlink points to, not the link
  } catch (e) {
    if ((e as { code?: string }).code === 'EISDIR') throw writeError(path, e);
    // ENOENT (a new file) or an unreadable parent: the write below reports it.
  }
  if (special) {
    try {
      writeAndSync(path, data, 'a', false);
    } catch (e) {
      throw writeError(path, e);
    }
    return;
  }
  const tmp = tempName(target, 'tmp');
  try {
    writeAndSync(tmp, data, 'wx', true, mode);
    renameSync(tmp, target);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // never created, or already renamed
    }
    throw writeError(path, e);
  }
  syncDir(dirname(target));
}

/**
 * Writes a directory of files so that a reader (or a second run) never sees a mix of two runs:
 * the files are written and fsynced into a fresh directory beside `dir`, which is then renamed
 * into place; an existing `dir` is moved aside first and removed after. An existing `dir` holding
 * entries this output would not write is left alone (`output-dir-not-empty`): replacing it would
 * delete someone's files. Returns the paths written, in order.
 *
 * @param dir - The output directory (`--out`).
 * @param files - `[name, data]` pairs; a name may contain `/` for a subdirectory.
 */
export function writeDirectoryAtomic(dir: string, files: readonly [string, FileData][]): string[] {
  const tops = new Set(files.map(([name]) => name.split('/')[0]));
  if (existsSync(dir)) {
    let entries: string[];
    try {
      if (!statSync(dir).isDirectory())
        throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
      entries = readdirSync(dir);
    } catch (e) {
      throw writeError(dir, e);
    }
    const foreign = entries.filter((e) => !tops.has(e));
    if (foreign.length)
      throw new InputError(
        'output-dir-not-empty',
        `cannot write ${dir}: it holds files this command does not write (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}); choose a new or empty directory`,
        {
          zh: `无法写入 ${dir}：其中有本命令不写的文件（${foreign.slice(0, 3).join('、')}${foreign.length > 3 ? '等' : ''}）；请换一个新的或空的文件夹`,
        },
      );
  }
  const staging = tempName(dir, 'new');
  const written: string[] = [];
  try {
    mkdirSync(staging);
    for (const [name, data] of files) {
      const at = join(staging, name);
      mkdirSync(dirname(at), { recursive: true });
      writeAndSync(at, data, 'wx');
      written.push(join(dir, name));
    }
    syncDir(staging);
    swapIn(staging, dir);
  } catch (e) {
    removeQuietly(staging);
    throw e instanceof InputError ? e : writeError(dir, e);
  }
  syncDir(dirname(dir));
  return written;
}

// rename(2) replaces an empty directory only; a full one is moved aside first. Another run may
// slip its own directory in between, so retry a few times: the last complete run wins, whole.
function swapIn(staging: string, dir: string): void {
  for (let attempt = 0; ; attempt++) {
    try {
      renameSync(staging, dir);
      return;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || attempt >= 20) throw e;
    }
    const old = tempName(dir, 'old');
    try {
      renameSync(dir, old);
    } catch (e) {
      if ((e as { code?: string }).code !== 'ENOENT') throw e;
      continue;
    }
    try {
      renameSync(staging, dir);
      removeQuietly(old);
      return;
    } catch (e) {
      const code = (e as { code?: string }).code;
      removeQuietly(old);
      if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || attempt >= 20) throw e;
    }
  }
}

// Cleanup after a failure must not replace the failure's error with its own (ENOTDIR, EACCES).
function removeQuietly(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // the original error says what went wrong
  }
}
