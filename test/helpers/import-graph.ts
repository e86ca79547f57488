import { builtinModules } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The layers of `src/`, bottom to top, and which folders each may import. Data flows one way:
 * inputs → network / points → spatial → search → analysis → tours → report → browser / node →
 * cli. `errors.ts` and `geo/` are the ground floor every layer stands on; the entry files
 * (`index.ts`, `node.ts`, `engine.ts`) sit above everything and only re-export.
 */
export const LAYERS: Record<string, readonly string[]> = {
  'errors.ts': [],
  geo: ['errors.ts'],
  inputs: ['errors.ts', 'geo'],
  network: ['errors.ts', 'geo', 'inputs'],
  points: ['errors.ts', 'geo', 'inputs'],
  spatial: ['errors.ts', 'geo', 'network', 'points'],
  search: ['errors.ts', 'geo', 'network', 'points', 'spatial'],
  analysis: ['errors.ts', 'geo', 'network', 'points', 'spatial', 'search'],
  tours: ['errors.ts', 'geo', 'network', 'points', 'spatial', 'search', 'analysis'],
  report: [
    'errors.ts',
    'geo',
    'inputs',
    'network',
    'points',
    'spatial',
    'search',
    'analysis',
    'tours',
  ],
  browser: [
    'errors.ts',
    'geo',
    'inputs',
    'network',
    'points',
    'spatial',
    'search',
    'analysis',
    'tours',
    'report',
  ],
  node: [
    'errors.ts',
    'geo',
    'inputs',
    'network',
    'points',
    'spatial',
    'search',
    'analysis',
    'tours',
    'report',
    'browser',
  ],
  cli: [
    'errors.ts',
    'geo',
    'inputs',
    'network',
    'points',
    'spatial',
    'search',
    'analysis',
    'tours',
    'report',
    'browser',
    'node',
  ],
};

/** Entry files at the top of `src/`: they re-export and are imported by nothing inside `src/`. */
export const ENTRIES = ['index.ts', 'node.ts', 'engine.ts'];

/** One import between two files of `src/`, with the folders ("units") both sit in. */
export interface FileImport {
  from: string;
  to: string;
  fromUnit: string;
  toUnit: string;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listTs(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The unit of a file of `src/`: its top folder, or its file name (`errors.ts`) at the top. */
export function unitOf(srcDir: string, file: string): string {
  const rel = relative(srcDir, file).replace(/\\/g, '/');
  const slash = rel.indexOf('/');
  return slash < 0 ? rel : rel.slice(0, slash);
}

/** Every relative import between files of `srcDir` (type-only imports included). */
export function fileImports(srcDir: string): FileImport[] {
  const out: FileImport[] = [];
  for (const file of listTs(srcDir)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const target = resolve(dirname(file), m[1]).replace(/\.js$/, '');
      const to = target.endsWith('.ts') ? target : `${target}.ts`;
      out.push({
        from: relative(srcDir, file),
        to: relative(srcDir, to),
        fromUnit: unitOf(srcDir, file),
        toUnit: unitOf(srcDir, to),
      });
    }
  }
  return out;
}

/** Imports between units: `"a -> b"` → how many file-level imports make that edge. */
export function unitEdges(imports: readonly FileImport[]): Map<string, number> {
  const edges = new Map<string, number>();
  for (const i of imports) {
    if (i.fromUnit === i.toUnit) continue;
    const key = `${i.fromUnit} -> ${i.toUnit}`;
    edges.set(key, (edges.get(key) ?? 0) + 1);
  }
  return new Map([...edges].sort(([a], [b]) => a.localeCompare(b)));
}

/** Imports a layer may not make: a back-edge, or a folder importing an entry file. */
export function forbiddenImports(imports: readonly FileImport[]): FileImport[] {
  return imports.filter((i) => {
    if (i.fromUnit === i.toUnit) return false;
    if (ENTRIES.includes(i.fromUnit)) return false;
    if (ENTRIES.includes(i.toUnit)) return true;
    const allowed = LAYERS[i.fromUnit];
    return !allowed?.includes(i.toUnit);
  });
}

/** Strongly connected sets of more than one unit (a folder cycle), by Tarjan's algorithm. */
export function unitCycles(imports: readonly FileImport[]): string[][] {
  const adj = new Map<string, Set<string>>();
  for (const i of imports) {
    if (i.fromUnit === i.toUnit) continue;
    if (!adj.has(i.fromUnit)) adj.set(i.fromUnit, new Set());
    adj.get(i.fromUnit)!.add(i.toUnit);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of adj.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const set: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        set.push(w);
      } while (w !== v);
      if (set.length > 1) out.push(set.sort());
    }
  };
  for (const v of adj.keys()) if (!index.has(v)) visit(v);
  return out;
}

/** Every import of a Node built-in (`node:fs`, `fs`, `worker_threads`…) by a file of `srcDir`. */
export function fileImportsOfNode(srcDir: string): { file: string; unit: string; spec: string }[] {
  const out: { file: string; unit: string; spec: string }[] = [];
  for (const file of listTs(srcDir)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(
      /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'".][^'"]*)['"]/g,
    )) {
      if (m[1].startsWith('node:') || builtinModules.includes(m[1])) {
        out.push({ file: relative(srcDir, file), unit: unitOf(srcDir, file), spec: m[1] });
      }
    }
  }
  return out;
}
