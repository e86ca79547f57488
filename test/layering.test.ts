import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importGraphPage } from '../docs/import-graph';
import {
  fileImports,
  fileImportsOfNode,
  forbiddenImports,
  LAYERS,
  unitCycles,
} from './helpers/import-graph';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

describe('the folders of src/', () => {
  const imports = fileImports(SRC);

  it('import only from the layers below them (inputs → network/points → … → cli)', () => {
    const bad = forbiddenImports(imports).map((i) => `${i.from} imports ${i.to}`);
    expect(bad).toEqual([]);
  });

  it('form no cycle', () => {
    expect(unitCycles(imports)).toEqual([]);
  });

  it('are each a known layer', () => {
    const units = new Set(imports.flatMap((i) => [i.fromUnit, i.toUnit]));
    const unknown = [...units].filter(
      (u) => !(u in LAYERS) && !['index.ts', 'node.ts', 'engine.ts'].includes(u),
    );
    expect(unknown).toEqual([]);
  });

  it('are drawn as they are in docs/import-graph.md (npm run docs:graph)', () => {
    const page = readFileSync(new URL('../docs/import-graph.md', import.meta.url), 'utf8');
    expect(page).toBe(importGraphPage());
  });
});

describe('the browser-safe core', () => {
  it('imports no Node built-in outside node/ and cli/', () => {
    const core = fileImportsOfNode(SRC).filter(
      ({ unit }) => !['node', 'cli', 'node.ts'].includes(unit),
    );
    expect(core.map(({ file, spec }) => `${file} imports ${spec}`)).toEqual([]);
  });
});
