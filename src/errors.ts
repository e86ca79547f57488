/**
 * Errors servicereach throws at its edges. Every message names the offending input (file, feature
 * index/id, line or value) so a user can find and fix it; callers branch on `code` or the class.
 *
 * @example
 * try { buildNetworkFromGeoJson(roads, { profile: 'car' }); }
 * catch (e) { if (e instanceof InputError) console.error(e.code, e.message); }
 */
export class ServiceReachError extends Error {
  /** Stable machine-readable code, e.g. `invalid-coordinate`, `corrupt-pbf`. */
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The caller's data is wrong: bad coordinates, invalid JSON, a network with no routable edge. */
export class InputError extends ServiceReachError {}

/** A file or buffer is not in the format it claims, or is truncated/corrupt. */
export class FormatError extends ServiceReachError {}
