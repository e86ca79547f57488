/**
 * `tags[k] = v`, except that a `__proto__` key becomes an own property: a plain assignment would
 * replace the object's prototype instead of adding a key, so a tag named `__proto__` (legal in OSM)
 * would vanish from the data. Shared by the PBF and XML decoders.
 *
 * @param tags The tag object being filled.
 * @param k The tag's key.
 * @param v The tag's value.
 * @example
 * const tags: Record<string, string> = {};
 * setTag(tags, '__proto__', 'x'); // Object.keys(tags) is ['__proto__']
 */
export function setTag(tags: Record<string, string>, k: string, v: string): void {
  if (k === '__proto__')
    Object.defineProperty(tags, k, {
      value: v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else tags[k] = v;
}
