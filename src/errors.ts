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

  /**
   * The same message in Chinese, with the same specifics (file, line, field, value), when the
   * place that raised the error wrote one: the CLI prints it under `--lang zh`, else `message`.
   * `message` stays English for library callers.
   */
  readonly zh?: string;

  /**
   * Creates an error; `name` becomes the subclass's name (`InputError`, `FormatError`).
   *
   * @param code - Stable machine-readable code callers branch on, e.g. `invalid-coordinate`.
   * @param message - Human-readable message naming the offending file, feature, line or value.
   * @param options - `cause`: the lower-level error this one wraps (a file-system error, a JSON
   *   syntax error), kept so a stack trace shows both; `zh`: the message in Chinese (see {@link zh}).
   */
  constructor(code: string, message: string, options?: { cause?: unknown; zh?: string }) {
    super(message, options && 'cause' in options ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    this.code = code;
    if (options?.zh !== undefined) this.zh = options.zh;
  }
}

/**
 * The caller's data is wrong: bad coordinates, invalid JSON, a network with no routable edge.
 *
 * @example
 * throw new InputError('invalid-coordinate', `villages.csv line 12: lat 95 is outside [-90, 90]`, {
 *   zh: `villages.csv 第 12 行：纬度 95 超出 [-90, 90]`,
 * });
 */
export class InputError extends ServiceReachError {}

/**
 * A file or buffer is not in the format it claims, or is truncated/corrupt.
 *
 * @example
 * try { RoadNetwork.fromBuffer(bytes); }
 * catch (e) { if (e instanceof FormatError) console.error(`not a network file: ${e.message}`); }
 */
export class FormatError extends ServiceReachError {}
