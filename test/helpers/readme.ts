// Reading README.md the way test/readme.test.ts runs it: its fenced code blocks, the commands of
// its shell blocks, its links and the API names it mentions. Pure functions on the text, so the
// test file stays about what is checked, and these are easy to check on small inputs.

/** One fenced block: its language and code, and the README line of its opening fence. */
export interface CodeBlock {
  lang: string;
  /** 1-based line of the opening ```; the code's first line is `line + 1`. */
  line: number;
  code: string;
  /** Whether only blank lines separate it from the previous block (false for the first). */
  followsDirectly: boolean;
}

/**
 * Every fenced block (``` only; the README uses no ~~~ or indented code), in order.
 *
 * @param markdown - The whole page.
 * @example
 * fencedBlocks('text\n```sh\nnpm test\n```\n'); // [{ lang: 'sh', line: 2, code: 'npm test', … }]
 */
export function fencedBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  let lastEnd = -1;
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end < 0) throw new Error(`README.md:${i + 1}: a code block is never closed`);
    const between = lastEnd < 0 ? ['x'] : lines.slice(lastEnd + 1, i);
    blocks.push({
      lang: open[1],
      line: i + 1,
      code: lines.slice(i + 1, end).join('\n'),
      followsDirectly: between.every((l) => l.trim() === ''),
    });
    lastEnd = end;
    i = end;
  }
  return blocks;
}

/** One command of a shell block, split into words as sh would, with its README line. */
export interface ShellCommand {
  line: number;
  words: string[];
}

/**
 * The commands of a shell block: `\` continues a line, `#` starts a comment, '…' and "…" quote.
 * Enough of sh for README commands; `$`, backticks, pipes, redirections and unquoted globs are
 * refused, so a command the test would run differently from a shell never passes silently.
 *
 * @param code - The block's code.
 * @param firstLine - README line of the code's first line.
 * @example
 * shellCommands('npx servicereach spt --from "1,2" \\\n  --out a.csv # comment', 10);
 * // [{ line: 10, words: ['npx', 'servicereach', 'spt', '--from', '1,2', '--out', 'a.csv'] }]
 */
export function shellCommands(code: string, firstLine: number): ShellCommand[] {
  const commands: ShellCommand[] = [];
  const lines = code.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = firstLine + i;
    let text = lines[i];
    while (text.endsWith('\\') && i + 1 < lines.length) text = `${text.slice(0, -1)} ${lines[++i]}`;
    const words = splitWords(text, line);
    if (words.length > 0) commands.push({ line, words });
  }
  return commands;
}

function splitWords(text: string, line: number): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (c === ' ' || c === '\t') {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === '#' && word === null) {
      break;
    } else if (c === '"' || c === "'") {
      const close = text.indexOf(c, k + 1);
      if (close < 0) throw new Error(`README.md:${line}: unclosed ${c}`);
      word = (word ?? '') + text.slice(k + 1, close);
      k = close;
    } else if ('$`|<>;&*\\'.includes(c)) {
      throw new Error(`README.md:${line}: "${c}" is more shell than the README test runs`);
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

/** A link target of the page, with its line. */
export interface Link {
  line: number;
  target: string;
}

/**
 * Targets of inline Markdown links `[text](target)`, outside code blocks and code spans.
 *
 * @param markdown - The whole page.
 * @example
 * markdownLinks('see [data](data/README.md)'); // [{ line: 1, target: 'data/README.md' }]
 */
export function markdownLinks(markdown: string): Link[] {
  return proseLines(markdown).flatMap(({ line, text }) =>
    [...text.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)\)/g)].map((m) => ({
      line,
      target: m[1],
    })),
  );
}

/**
 * Code spans of the prose (outside fenced blocks), with their lines; a span may not cross lines.
 *
 * @param markdown - The whole page.
 * @example
 * codeSpans('call `route(net, a, b)`'); // [{ line: 1, target: 'route(net, a, b)' }]
 */
export function codeSpans(markdown: string): Link[] {
  return proseLines(markdown).flatMap(({ line, text }) =>
    [...text.matchAll(/`([^`]+)`/g)].map((m) => ({ line, target: m[1] })),
  );
}

function proseLines(markdown: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let inBlock = false;
  markdown.split('\n').forEach((text, i) => {
    if (/^```/.test(text)) inBlock = !inBlock;
    else if (!inBlock) out.push({ line: i + 1, text });
  });
  return out;
}

/**
 * GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens.
 *
 * @param heading - The heading's text, without the leading #s.
 * @example
 * headingAnchor('Province scale'); // 'province-scale'
 */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

/**
 * The public names a `.d.ts` entry exports, types included (tsup writes them as one or more
 * `export { a, type B, c as D }` lists).
 *
 * @param dts - The text of `dist/index.d.ts`, `dist/engine.d.ts` or `dist/node.d.ts`.
 * @example
 * exportedNames('export { x as RoadNetwork, type Route, route };'); // ['RoadNetwork', 'Route', 'route']
 */
export function exportedNames(dts: string): string[] {
  return [...dts.matchAll(/^export \{([^}]*)\}/gm)].flatMap((m) =>
    m[1]
      .split(',')
      .map((item) => item.trim().replace(/^type /, ''))
      .filter(Boolean)
      .map((item) => item.split(/\s+as\s+/).pop()!),
  );
}
