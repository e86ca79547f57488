import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as engine from '../src/engine';
import * as core from '../src/index';
import * as node from '../src/node';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('the public surface', () => {
  it('is what the README documents: every value each entry exports is named there', () => {
    const entries = {
      servicereach: core,
      'servicereach/engine': engine,
      'servicereach/node': node,
    };
    const missing = Object.entries(entries).flatMap(([entry, names]) =>
      Object.keys(names)
        .filter((name) => !README.includes(`\`${name}\``))
        .map((name) => `${entry}: ${name}`),
    );
    expect(missing).toEqual([]);
  });
});
