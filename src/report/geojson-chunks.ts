/**
 * A FeatureCollection as chunks of JSON text, one feature built at a time: the bytes of
 * `JSON.stringify({ type: 'FeatureCollection', features })` without the whole string (a million
 * villages pass V8's 512 MB string limit) or every feature object in memory at once. Hand it to
 * `writeFileAtomic` / `writeDirectoryAtomic`, which write an iterable of chunks as it goes.
 *
 * @param features - The features, best a generator building each as it is asked for.
 * @param perChunk - Features per chunk of text (default 2,000).
 * @param members - Other members of the collection, written before `features` (e.g. the `crs`
 *   member of a projected output).
 * @returns The JSON text, chunk by chunk.
 * @example
 * function* features() { for (const r of rows) yield toFeature(r); }
 * writeFileAtomic('villages.geojson', featureCollectionChunks(features()));
 */
export function* featureCollectionChunks(
  features: Iterable<unknown>,
  perChunk = 2000,
  members: Record<string, unknown> = {},
): Generator<string> {
  let head = '{"type":"FeatureCollection",';
  for (const [k, v] of Object.entries(members))
    if (v !== undefined) head += `${JSON.stringify(k)}:${JSON.stringify(v)},`;
  head += '"features":[';
  let parts: string[] = [];
  let first = true;
  for (const f of features) {
    parts.push(JSON.stringify(f));
    if (parts.length >= perChunk) {
      yield `${head}${first ? '' : ','}${parts.join(',')}`;
      head = '';
      first = false;
      parts = [];
    }
  }
  if (parts.length) yield `${head}${first ? '' : ','}${parts.join(',')}`;
  else if (head) yield head;
  yield ']}';
}
