/**
 * The elements OSM XML decoding acts on, recognised from their name bytes without decoding them.
 * Every other element (bounds, ...) is K_OTHER: checked for nesting, else skipped. Relations and
 * their members are read only for sinks that take relations.
 */
import { startsWithAscii } from './chars';

export const K_OTHER = 0;
export const K_OSM = 1;
export const K_NODE = 2;
export const K_WAY = 3;
export const K_ND = 4;
export const K_TAG = 5;
export const K_RELATION = 6;
export const K_MEMBER = 7;
/** Element names by kind, for messages and the open-element stack. */
export const KIND_NAMES = ['', 'osm', 'node', 'way', 'nd', 'tag', 'relation', 'member'];

/**
 * The kind of the element named by bytes [a, e).
 *
 * @param b The bytes.
 * @param a Start of the name.
 * @param e End of the name.
 * @example
 * classify(new TextEncoder().encode('way'), 0, 3); // K_WAY
 */
export function classify(b: Uint8Array, a: number, e: number): number {
  const c0 = b[a];
  switch (e - a) {
    case 2:
      return c0 === 110 && b[a + 1] === 100 ? K_ND : K_OTHER;
    case 3: {
      const c1 = b[a + 1];
      const c2 = b[a + 2];
      if (c0 === 116 && c1 === 97 && c2 === 103) return K_TAG;
      if (c0 === 119 && c1 === 97 && c2 === 121) return K_WAY;
      if (c0 === 111 && c1 === 115 && c2 === 109) return K_OSM;
      return K_OTHER;
    }
    case 4:
      return c0 === 110 && b[a + 1] === 111 && b[a + 2] === 100 && b[a + 3] === 101
        ? K_NODE
        : K_OTHER;
    case 6:
      return c0 === 109 && startsWithAscii(b, a, 'member') ? K_MEMBER : K_OTHER;
    case 8:
      return c0 === 114 && startsWithAscii(b, a, 'relation') ? K_RELATION : K_OTHER;
    default:
      return K_OTHER;
  }
}
