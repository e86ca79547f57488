/**
 * Lines of text gathered into chunks of `perChunk` lines, each ending in a newline: an output of
 * millions of rows written (`writeFileAtomic`, stdout) chunk by chunk instead of as one string,
 * which V8 caps at 512 MB.
 *
 * @param lines - The lines, without newlines.
 * @param perChunk - Lines per chunk (default 5,000).
 * @returns The chunks.
 * @example
 * writeFileAtomic('nearest.csv', lineChunks(rows()));
 */
export function* lineChunks(lines: Iterable<string>, perChunk = 5000): Generator<string> {
  let buf: string[] = [];
  for (const line of lines) {
    buf.push(line);
    if (buf.length >= perChunk) {
      yield `${buf.join('\n')}\n`;
      buf = [];
    }
  }
  if (buf.length) yield `${buf.join('\n')}\n`;
}

/**
 * `JSON.stringify({ ...head, [key]: items }, null, 2)` plus a newline, in chunks: the items
 * (a million villages) are stringified a few thousand at a time, never as one string.
 *
 * @param head - The object's other fields, printed first.
 * @param key - The name of the array field, printed last.
 * @param items - The array's items.
 * @param perChunk - Items per chunk (default 2,000).
 * @returns The pretty-printed JSON text, chunk by chunk.
 * @example
 * for (const c of prettyJsonChunks({ summary }, 'results', results)) io.stdout.write(c);
 */
export function* prettyJsonChunks(
  head: Record<string, unknown>,
  key: string,
  items: readonly unknown[],
  perChunk = 2000,
): Generator<string> {
  const inner = JSON.stringify(head, null, 2);
  // `{\n  "a": …\n}` → its fields, to which the array field is appended.
  const fields = inner === '{}' ? '' : `${inner.slice(2, -2)},\n`;
  if (items.length === 0) {
    yield `{\n${fields}  ${JSON.stringify(key)}: []\n}\n`;
    return;
  }
  yield `{\n${fields}  ${JSON.stringify(key)}: [\n`;
  for (let start = 0; start < items.length; start += perChunk) {
    const end = Math.min(items.length, start + perChunk);
    const parts: string[] = new Array(end - start);
    for (let i = start; i < end; i++)
      parts[i - start] = `    ${JSON.stringify(items[i], null, 2).replace(/\n/g, '\n    ')}`;
    yield `${start > 0 ? ',\n' : ''}${parts.join(',\n')}`;
  }
  yield '\n  ]\n}\n';
}
