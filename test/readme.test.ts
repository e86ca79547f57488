// README.md says what it does: every fenced block on the page runs here, in the order a reader
// meets it, from the repository root, so an example that rots fails with its README line.
//
// - ```ts / ```js: written to test/.readme/ (inside the package, so `servicereach`,
//   `servicereach/node` and `servicereach/engine` resolve through package.json `exports` to the
//   built dist/, as for a user) and imported. A line `console.log(…); // → text` must print
//   exactly `text` (a closing ` (note)` is the reader's, not printed).
// - ```sh: each `npx servicereach …` command runs through the CLI's `main` in this process and must
//   exit 0; `npm …` lines (install, demo, test) are not run. A ```text block right after an sh
//   block is that block's last output: each of its lines must appear in it.
// - Paths: `data/…` and `../shared/…` are inputs read in place (a command or block whose
//   `../shared` input is absent is skipped, and so is anything reading what it would have
//   written); a bare file name (`county-car.srn`, `siting/`) is the reader's own working file,
//   kept here in one temporary folder shared by every block.
//
// Besides, the page may link only to files the npm package ships (or to absolute URLs and its own
// headings), and every function or class it names in a code span must be exported by an entry.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureBuilt, ROOT, runCli } from './helpers/cli';
import {
  type CodeBlock,
  codeSpans,
  exportedNames,
  fencedBlocks,
  headingAnchor,
  markdownLinks,
  shellCommands,
} from './helpers/readme';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const BLOCKS = fencedBlocks(README);
const SCRATCH = join(ROOT, 'test/.readme');
const work = mkdtempSync(join(tmpdir(), 'servicereach-readme-'));

beforeAll(() => {
  ensureBuilt();
  // Left over by an interrupted run, its files would reach `biome check` (test/**).
  rmSync(SCRATCH, { recursive: true, force: true });
  mkdirSync(SCRATCH, { recursive: true });
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(SCRATCH, { recursive: true, force: true });
});

/** A working file of the reader: a bare name, no folder (a trailing / marks an output folder). */
const WORKING_FILE = /^[\w.-]+\.(?:srn|geojson|csv|json|html|osm|pbf|gz)$|^[\w.-]+\/$/;
/** The same inside code: a string literal holding a bare file name. */
const WORKING_LITERAL = /(['"`])([\w.-]+\.(?:srn|geojson|csv|json|html))\1/g;

// Working files an example would have written but did not, because its ../shared input is absent.
const notWritten = new Set<string>();

/** Why a block or command cannot run here, or null: an absent ../shared input, or a file it needs. */
function missingInput(paths: readonly string[]): string | null {
  for (const p of paths) {
    if (p.startsWith('../shared/') && !existsSync(join(ROOT, p))) return `${p} is absent`;
    if (notWritten.has(p)) return `${p} was not written (its own input is absent)`;
  }
  return null;
}

/** README line of a line of a block's code, from a stack frame in that block's module. */
function readmeLine(block: CodeBlock, file: string, stack: string | undefined): number | null {
  const name = file.slice(file.lastIndexOf('/') + 1).replace(/[.]/g, '\\.');
  const m = new RegExp(`${name}:(\\d+)`).exec(stack ?? '');
  return m ? block.line + Number(m[1]) : null;
}

describe('README.md', () => {
  it('has only ts, js, sh and text blocks', () => {
    const odd = BLOCKS.filter((b) => !['ts', 'js', 'sh', 'text'].includes(b.lang));
    expect(odd.map((b) => `README.md:${b.line}: \`\`\`${b.lang}`)).toEqual([]);
  });

  // What each command printed, by README line, for the text sample that may follow its block.
  const printedBy = new Map<number, string>();
  BLOCKS.forEach((block, b) => {
    if (block.lang === 'ts' || block.lang === 'js') codeBlock(block);
    else if (block.lang === 'sh') shellBlock(block);
    else if (block.lang === 'text' && block.followsDirectly && BLOCKS[b - 1]?.lang === 'sh') {
      const above = BLOCKS[b - 1];
      const last = shellCommands(above.code, above.line + 1).at(-1)?.line ?? -1;
      it(`README.md:${block.line}: the text block is what README.md:${last} prints`, (ctx) => {
        const out = printedBy.get(last);
        if (out === undefined) return ctx.skip(`README.md:${last} did not run`);
        const missing = block.code
          .split('\n')
          .filter((l) => l.trim() && !squash(out).includes(squash(l)));
        expect(missing, 'lines of the sample the command no longer prints').toEqual([]);
      });
    }
  });

  function codeBlock(block: CodeBlock): void {
    const paths = [
      ...block.code.matchAll(/['"`]((?:\.\.\/shared\/|data\/)[^'"`]+|[\w.-]+\.\w+)['"`]/g),
    ];
    const used = paths.map((m) => m[1]);
    const skip = missingInput(used);
    if (skip) for (const m of block.code.matchAll(WORKING_LITERAL)) notWritten.add(m[2]);
    it.skipIf(skip !== null)(
      `README.md:${block.line}: the ${block.lang} block runs${skip ? ` (skipped: ${skip})` : ''}`,
      async () => {
        const file = join(SCRATCH, `readme-${block.line}.${block.lang === 'ts' ? 'mts' : 'mjs'}`);
        // Same line count as the README block, so a stack line maps back to a README line.
        const code = block.code.replace(WORKING_LITERAL, (_, _q, name) =>
          JSON.stringify(join(work, name)),
        );
        writeFileSync(file, code);
        const printed = new Map<number, string[]>();
        const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
          const line = readmeLine(block, file, new Error().stack) ?? -1;
          printed.set(line, [...(printed.get(line) ?? []), format(...args)]);
        });
        try {
          await import(/* @vite-ignore */ pathToFileURL(file).href);
        } catch (e) {
          const at = readmeLine(block, file, (e as Error).stack);
          throw new Error(
            `README.md:${at ?? block.line}: ${(e as Error).message}\n${[...printed.values()].flat().join('\n')}`,
            { cause: e },
          );
        } finally {
          log.mockRestore();
        }
        // `console.log(x); // → text (note)`: the page shows what the line prints.
        block.code.split('\n').forEach((text, i) => {
          const shown = /console\.log\(.*\/\/ → (.*?)(?: \(.*\))?$/.exec(text);
          if (shown)
            expect(printed.get(block.line + 1 + i), `README.md:${block.line + 1 + i}`).toEqual([
              shown[1],
            ]);
        });
      },
    );
  }

  function shellBlock(block: CodeBlock): void {
    for (const { line, words } of shellCommands(block.code, block.line + 1)) {
      const [tool, name, ...args] = words;
      // npm install, npm run demo, npm test: not run here (npm test is what runs this file).
      if (tool === 'npm') {
        it.skip(`README.md:${line}: ${words.join(' ')} (npm lines are not run)`);
        continue;
      }
      if (tool !== 'npx' || name !== 'servicereach') {
        it(`README.md:${line}: ${words.join(' ')}`, () => {
          expect.fail(`README.md:${line}: sh blocks hold npx servicereach … and npm … lines only`);
        });
        continue;
      }
      const inputs = args.filter((a) => a.startsWith('../shared/') || a.startsWith('data/'));
      const working = args.filter((a) => WORKING_FILE.test(a));
      const skip = missingInput([...inputs, ...working]);
      if (skip) for (const w of working) notWritten.add(w);
      it.skipIf(skip !== null)(
        `README.md:${line}: servicereach ${args[0]} exits 0${skip ? ` (skipped: ${skip})` : ''}`,
        async () => {
          for (const input of inputs.filter((a) => a.startsWith('data/')))
            expect(
              existsSync(join(ROOT, input)),
              `README.md:${line}: ${input} is not in the repository`,
            ).toBe(true);
          const argv = args.map((a) => (WORKING_FILE.test(a) ? join(work, a) : a));
          const r = await runCli(...argv);
          printedBy.set(line, r.out.replaceAll(`${work}/`, ''));
          expect(r.code, `README.md:${line}: ${words.join(' ')}\n${r.err}`).toBe(0);
        },
      );
    }
  }

  it('links only to its own headings, absolute URLs and files the npm package ships', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    const anchors = new Set(
      README.split('\n').flatMap((l) =>
        /^#+ /.test(l) ? [headingAnchor(l.replace(/^#+ /, ''))] : [],
      ),
    );
    const bad: string[] = [];
    for (const { line, target } of markdownLinks(README)) {
      if (/^https?:\/\//.test(target)) continue;
      if (target.startsWith('#')) {
        if (!anchors.has(target.slice(1))) bad.push(`README.md:${line}: no heading for ${target}`);
        continue;
      }
      const path = target.replace(/#.*$/, '');
      if (!existsSync(join(ROOT, path))) bad.push(`README.md:${line}: ${path} does not exist`);
      else if (!pkg.files.some((f) => path === f || path.startsWith(`${f}/`)))
        bad.push(`README.md:${line}: ${path} is not in the npm package ("files" of package.json)`);
    }
    expect(bad).toEqual([]);
  });

  it('names only functions, classes and fields that the three entries export or declare', () => {
    const dts = ['index', 'engine', 'node'].map((e) =>
      readFileSync(join(ROOT, `dist/${e}.d.ts`), 'utf8'),
    );
    const exported = new Set(dts.flatMap(exportedNames));
    // Every word of the published types (chunks included): fields, options and parameters.
    const declared = new Set(
      readdirSync(join(ROOT, 'dist'))
        .filter((f) => f.endsWith('.d.ts'))
        .flatMap(
          (f) => readFileSync(join(ROOT, 'dist', f), 'utf8').match(/[A-Za-z_$][\w$]*/g) ?? [],
        ),
    );
    const GEOJSON = ['Feature', 'FeatureCollection', 'Point', 'LineString', 'MultiLineString'];
    const bad: string[] = [];
    for (const { line, target } of codeSpans(README)) {
      const m = /^(?:new )?([A-Za-z_$][\w$]*)(\(.*\))?$/.exec(target);
      if (!m) continue;
      const name = m[1];
      if (m[2] || /^[A-Z][a-z]|^[A-Z][A-Z_]{2,}$/.test(name)) {
        // `route(net, a, b)`, `new SearchPool(net)`, `RoadNetwork`, `CATEGORY_TAGS`: API names
        // (not `T` or `PT1H30M`: a variable, a duration).
        if (exported.has(name) || name in globalThis || GEOJSON.includes(name)) continue;
        bad.push(`README.md:${line}: \`${target}\`: no entry exports ${name}`);
      } else if (/^[a-z]+[A-Z]/.test(name) && !declared.has(name)) {
        // `timeS`, `withinMinutes`: camelCase fields and options, declared somewhere in dist/.
        bad.push(`README.md:${line}: \`${target}\`: no published type declares ${name}`);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('the README reader (test/helpers/readme.ts)', () => {
  it('finds blocks with their fence line and whether they follow the previous one directly', () => {
    const blocks = fencedBlocks(
      'intro\n```sh\nnpm test\n```\n\n```text\nok\n```\nprose\n```ts\nx\n```\n',
    );
    expect(blocks.map((b) => [b.lang, b.line, b.code, b.followsDirectly])).toEqual([
      ['sh', 2, 'npm test', false],
      ['text', 6, 'ok', true],
      ['ts', 10, 'x', false],
    ]);
  });

  it('splits commands as sh would: continuations, quotes, comments', () => {
    const code = 'npx servicereach spt --from "1,2;3,4" \\\n  --out a.csv  # a comment\n\nnpm test';
    expect(shellCommands(code, 10)).toEqual([
      { line: 10, words: ['npx', 'servicereach', 'spt', '--from', '1,2;3,4', '--out', 'a.csv'] },
      { line: 13, words: ['npm', 'test'] },
    ]);
    expect(shellCommands("x --facilities 'amenity=*'", 1)[0].words[2]).toBe('amenity=*');
  });

  it('refuses shell it would not run as a shell does', () => {
    for (const line of ['x > out.csv', 'x | head', 'x $HOME', 'x --tag amenity=*', 'x; y'])
      expect(() => shellCommands(line, 7), line).toThrow(/README\.md:7/);
  });

  it('reads links and code spans outside code blocks, and headings as GitHub anchors them', () => {
    const md = 'see [a](data/README.md) and `route(net)`\n```ts\n[b](nope.md) `x`\n```\n';
    expect(markdownLinks(md)).toEqual([{ line: 1, target: 'data/README.md' }]);
    expect(codeSpans(md)).toEqual([{ line: 1, target: 'route(net)' }]);
    expect(headingAnchor('Coverage of a service circle, and isochrones')).toBe(
      'coverage-of-a-service-circle-and-isochrones',
    );
  });

  it('lists the public names of a declaration entry, aliases and types included', () => {
    const dts = 'export { a as RoadNetwork, type Route, route };\nexport { x as y } from "./c.js";';
    expect(exportedNames(dts)).toEqual(['RoadNetwork', 'Route', 'route', 'y']);
  });
});

/** Whitespace runs as one space, so a sample's column alignment does not matter. */
function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
