/**
 * Coordinates are stored as integers of 1e-7 degree ("E7"), the precision OpenStreetMap itself
 * stores (about 1 cm). Integer storage halves the memory of road geometry against Float64, makes
 * topology by shared coordinates exact, and round-trips OSM data bit for bit.
 */
export const E7 = 1e7;

/** Degrees → E7 integer (Math.round: halves round towards +∞). */
export function toE7(deg: number): number {
  return Math.round(deg * E7);
}

/** E7 integer → degrees. */
export function fromE7(v: number): number {
  return v / E7;
}
