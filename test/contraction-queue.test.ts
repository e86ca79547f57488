import { describe, expect, it } from 'vitest';
import { ContractionQueue } from '../src/search/ch/contraction-queue';
import { MinHeap } from '../src/search/min-heap';
import { mulberry32 } from './helpers/random';

describe('ContractionQueue against MinHeap (property)', () => {
  for (let seed = 1; seed <= 10; seed++)
    it(`seed ${seed}: the same entries in the same order, ties included`, () => {
      const rnd = mulberry32(seed);
      const q = new ContractionQueue(4); // grows
      const h = new MinHeap(4);
      for (let step = 0; step < 3000; step++) {
        if (q.length === 0 || rnd() < 0.6) {
          const v = Math.floor(rnd() * 100);
          const k = Math.floor(rnd() * 8) - 3; // few keys: many ties
          q.push(v, k);
          h.push(v, k);
        } else {
          q.pop();
          h.pop();
          expect([q.poppedValue, q.poppedKey]).toEqual([h.poppedValue, h.poppedKey]);
        }
        expect(q.length).toBe(h.length);
      }
    });
});
