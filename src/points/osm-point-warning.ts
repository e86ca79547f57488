/**
 * What the OSM points reader could not read as asked, as data: `osmPointWarningText` words it in
 * English (the `warnings` of `OsmPointsRead`), and a report or CLI can word it in another
 * language from the same fields. `object` is `node/…`, `way/…` or `relation/…`; `name` its `name`
 * tag when it has one, else `tags` its first two tags (`amenity=clinic building=yes`).
 */
export type OsmPointWarning =
  | { kind: 'duplicate-nodes'; count: number; examples: number[] }
  | ({ kind: 'way-without-nodes' } & OsmObject)
  | ({ kind: 'way-missing-nodes'; missing: number; total: number } & OsmObject)
  | ({ kind: 'relation-without-outer' } & OsmObject)
  | ({ kind: 'relation-open-ring'; placedAt: 'label' | 'outer-ways' } & OsmObject)
  | ({ kind: 'population-not-number'; value: string } & OsmObject);

/** The OSM object a warning is about. */
export interface OsmObject {
  /** `node/123`, `way/456` or `relation/789`. */
  object: string;
  /** Its `name` tag, when it has one. */
  name?: string;
  /** Its first two tags as `k=v`, for an object without a name. */
  tags: string;
}

/**
 * The object of a warning from its type, id and tags.
 *
 * @param object - `node/123`, `way/456` or `relation/789`.
 * @param tags - Its OSM tags.
 * @returns The `object`, `name` and `tags` fields of a warning.
 * @example
 * osmObject('node/2', { place: 'hamlet', name: 'Baixa' }); // { object: 'node/2', name: 'Baixa', tags: 'place=hamlet name=Baixa' }
 */
export function osmObject(object: string, tags: Record<string, string>): OsmObject {
  const first = Object.entries(tags)
    .slice(0, 2)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return tags.name ? { object, name: tags.name, tags: first } : { object, tags: first };
}

/**
 * A warning of the OSM points reader in English.
 *
 * @param w - The warning.
 * @returns One line, without a `warning:` prefix.
 * @example
 * osmPointWarningText({ kind: 'population-not-number', object: 'node/2', name: 'Baixa', tags: '', value: 'about 40' });
 * // 'node/2 ("Baixa"): population "about 40" is not a number; left unknown'
 */
export function osmPointWarningText(w: OsmPointWarning): string {
  if (w.kind === 'duplicate-nodes')
    return `${w.count} OSM node id(s) given more than once (e.g. node/${w.examples.join(', node/')}); the last position of each was used`;
  const what = `${w.object} (${w.name === undefined ? w.tags : `"${w.name}"`})`;
  switch (w.kind) {
    case 'way-without-nodes':
      return `${what}: none of its nodes is in the file, skipped`;
    case 'way-missing-nodes':
      return `${what}: ${w.missing} of ${w.total} nodes missing from the file; placed on the rest`;
    case 'relation-without-outer':
      return `${what}: no outer ring or node of it is in the file, skipped`;
    case 'relation-open-ring':
      return `${what}: its outer ways close no ring in this file; ${w.placedAt === 'label' ? 'placed at its label node' : 'placed on its outer ways'}`;
    case 'population-not-number':
      return `${what}: population "${w.value}" is not a number; left unknown`;
  }
}
