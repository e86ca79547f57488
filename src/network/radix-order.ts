/**
 * The permutation that sorts 32-bit keys ascending, stable (equal keys keep their input order),
 * by two 16-bit LSD radix passes: linear time, where a comparator sort of a million indexes costs
 * several hundred milliseconds.
 *
 * @example
 * radixOrder(Uint32Array.of(5, 1, 5, 0)); // Uint32Array [3, 1, 0, 2]
 */
export function radixOrder(keys: Uint32Array): Uint32Array {
  const n = keys.length;
  let src = new Uint32Array(n);
  for (let i = 0; i < n; i++) src[i] = i;
  let dst = new Uint32Array(n);
  const count = new Uint32Array(65537);
  for (let shift = 0; shift < 32; shift += 16) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[((keys[i] >>> shift) & 0xffff) + 1]++;
    for (let b = 0; b < 65536; b++) count[b + 1] += count[b];
    for (let i = 0; i < n; i++) {
      const j = src[i];
      dst[count[(keys[j] >>> shift) & 0xffff]++] = j;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}
