import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');

/** Marks a spread into call arguments whose length a small constant bounds; the reason is said. */
const SPREAD_OK = /\/\/\s*spread-ok:\s*\S/;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * `name:line` of every spread element among the arguments of a call or `new` in the TypeScript
 * `text` whose line carries no `// spread-ok:` comment. Each spread element becomes one argument
 * on the stack, so `Math.max(...values)` or `out.push(...more)` over ~125k elements throws a
 * RangeError.
 */
function argumentSpreads(name: string, text: string): string[] {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, false);
  const lines = text.split('\n');
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments) {
      for (const arg of node.arguments) {
        if (!ts.isSpreadElement(arg)) continue;
        const line = source.getLineAndCharacterOfPosition(arg.getStart(source)).line;
        if (!SPREAD_OK.test(lines[line])) found.push(`${name}:${line + 1}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('spreads into call arguments', () => {
  it('appear nowhere in src/ unless a constant bounds them (// spread-ok: why)', () => {
    const found = tsFiles(SRC).flatMap((path) =>
      argumentSpreads(relative(ROOT, path), readFileSync(path, 'utf8')),
    );
    expect(found).toEqual([]);
  });

  it('are found in calls and constructors, and a spread-ok comment lets one stand', () => {
    const text = [
      'const a = [1, 2];',
      'Math.max(...a);',
      'new Set(...[a]);',
      'a.push(...a); // spread-ok: two elements',
      'a.push(/* spread-ok: */ ...a);',
      'const b = [...a, ...a];',
      'const c = { ...b };',
      'f(x, g(...b));',
    ].join('\n');
    expect(argumentSpreads('probe.ts', text)).toEqual([
      'probe.ts:2',
      'probe.ts:3',
      'probe.ts:5',
      'probe.ts:8',
    ]);
  });
});
