import { pointOnFeature } from '@turf/point-on-feature';
import { categoriesFromTags, CATEGORY_TAGS } from './facility-categories';
import { InputError } from '../errors';
import { fromE7 } from '../geo/fixed';
import { checkObject } from '../geo/check-args';
import { checkOptionKeys, type OptionKeys } from '../geo/option-keys';
import type { IndexedPoint } from './indexed-point';
import { NodeStore } from '../inputs/osm/node-store';
import type { OsmSink } from '../inputs/osm/sink';
import { pointOnMultipolygon, ringsFromWays } from './multipolygon-point';
import { type OsmPointWarning, osmObject, osmPointWarningText } from './osm-point-warning';

/** Settlement `place=*` values read as villages by default. */
export const PLACE_TYPES = ['city', 'town', 'village', 'hamlet', 'isolated_dwelling'] as const;

/** What to pick out of an OSM file: settlements, or facilities by category or tag filter. */
export type OsmPointQuery =
  | { places: true; placeTypes?: readonly string[] }
  | { facilities: readonly string[] };

const QUERY_KEYS = {
  places: true,
  placeTypes: true,
  facilities: true,
} satisfies OptionKeys<OsmPointQuery>;

/**
 * Throws `InputError` unless `query` is an object with only the keys an `OsmPointQuery` has
 * (`places`, `placeTypes`, `facilities`), naming the closest for a misspelt one.
 *
 * @param query - What the caller passed.
 * @param where - The function and argument, for the message (`readPointsFromOsm: query`).
 * @example
 * checkOsmPointQuery({ place: true }, 'readPointsFromOsm: query'); // throws: did you mean 'places'?
 */
export function checkOsmPointQuery(query: unknown, where: string): void {
  checkObject(query, `${where} ({ places: true } or { facilities: [...] })`);
  checkOptionKeys(query as object, QUERY_KEYS, where);
}

/**
 * Collects tagged nodes and ways matching a query as points: nodes where they are, ways (building
 * outlines, areas) at a representative point *on* them (`@turf/point-on-feature`), each keeping
 * its OSM type and id (`id` = `node/123` or `way/456`, also `osm_type` / `osm_id`) and its tags.
 * Facilities get `category` = the categories they match (`;`-separated). Places keep `population`
 * as a number when the tag is one; other values become null with a warning naming the place.
 *
 * Relations that match — `type=multipolygon` ones, and any carrying a `place`, `amenity` or
 * `healthcare` tag — become a point on their surface (`relation/<id>`): the outer member ways are
 * joined into rings (holes kept out), or the relation's `label` node is used when no ring closes.
 * A relation whose `label` or `admin_centre` node is itself a matched point is that point again
 * and is skipped. Relations come last in an OSM file, after the (usually untagged) ways they are
 * made of, so when one matches, the ways are read in a second pass over the file, as libosmium's
 * multipolygon manager does: decode once into the collector, then, if `needsMemberPass`, once
 * more into `memberPass()`.
 *
 * @example
 * const c = new OsmPointCollector({ facilities: ['health'] });
 * decodeOsm(bytes, c);
 * if (c.needsMemberPass) decodeOsm(bytes, c.memberPass());
 * const { points, warnings } = c.finish();
 */
export class OsmPointCollector implements OsmSink {
  private readonly nodes = new NodeStore();
  private readonly points: IndexedPoint[] = [];
  private readonly ways: {
    id: number;
    refs: number[];
    tags: Record<string, string>;
    categories: string[];
  }[] = [];
  private readonly relations: {
    id: number;
    tags: Record<string, string>;
    categories: string[];
    outer: number[];
    inner: number[];
    /** Nodes standing for the relation (`label`, `admin_centre`). */
    label: number[];
  }[] = [];
  /** Node lists of the ways the relations need, by way id (filled by either pass). */
  private readonly memberWays = new Map<number, number[]>();
  private readonly matchedNodes = new Set<number>();
  private readonly warnings: OsmPointWarning[] = [];
  private readonly match: (tags: Record<string, string>) => string[] | null;

  /**
   * A collector for one query; feed it to a decoder, then call `finish`.
   *
   * @param query - `{ places: true }` (settlements of `PLACE_TYPES`, or your own `placeTypes`), or
   *   `{ facilities: [...] }` with category names of `CATEGORY_TAGS` and/or tag filters such as
   *   `amenity=school` or `healthcare=*`.
   */
  constructor(readonly query: OsmPointQuery) {
    checkOsmPointQuery(query, 'OsmPointCollector: query');
    this.match = matcher(query);
  }

  /**
   * Keeps a node's position, for ways that refer to it (decoders call this for every node).
   *
   * @param id - OSM node id.
   * @param lon - Longitude, degrees.
   * @param lat - Latitude, degrees.
   *
   * @example
   * const c = new OsmPointCollector({ facilities: ['health'] }); // fed by hand
   * c.node(7, 1.52, 42.55);
   * c.taggedNode(7, 1.52, 42.55, { amenity: 'clinic', name: 'CAP' });
   * c.finish().points; // [{ id: 'node/7', lon: 1.52, lat: 42.55, category: 'health', properties: {…} }]
   */
  node(id: number, lon: number, lat: number): void {
    this.nodes.add(id, lon, lat);
  }

  /**
   * Keeps a tagged node as a point when its tags match the query.
   *
   * @param id - OSM node id (the point's id becomes `node/<id>`).
   * @param lon - Longitude, degrees.
   * @param lat - Latitude, degrees.
   * @param tags - The node's OSM tags, kept as the point's properties.
   *
   * @example
   * c.taggedNode(7, 1.52, 42.55, { amenity: 'clinic' }); // a `health` facility
   */
  taggedNode(id: number, lon: number, lat: number, tags: Record<string, string>): void {
    const categories = this.match(tags);
    if (categories) {
      this.points.push(this.point('node', id, lon, lat, tags, categories));
      this.matchedNodes.add(id);
    }
  }

  /**
   * Whether a way's tags match the query; decoders skip the node references of the others.
   *
   * @param tags - The way's OSM tags.
   *
   * @example
   * new OsmPointCollector({ facilities: ['health'] }).wantWay({ amenity: 'hospital' }); // true
   */
  wantWay(tags: Record<string, string>): boolean {
    return this.match(tags) !== null;
  }

  /**
   * Keeps a matching way (a building outline, an area) to be placed by `finish`, once every node
   * position is known.
   *
   * @param id - OSM way id (the point's id becomes `way/<id>`).
   * @param refs - Its node ids in order; copied.
   * @param tags - Its OSM tags, kept as the point's properties.
   *
   * @example
   * c.way(456, [1, 2, 3, 4, 1], { amenity: 'school', building: 'yes' });
   */
  way(id: number, refs: ArrayLike<number>, tags: Record<string, string>): void {
    const categories = this.match(tags);
    if (categories) this.ways.push({ id, refs: Array.from(refs), tags, categories });
  }

  /**
   * Whether a relation is read: a multipolygon, or one tagged `place`, `amenity` or `healthcare`,
   * whose tags match the query. Decoders skip the members of the others.
   *
   * @param tags - The relation's OSM tags.
   *
   * @example
   * c.wantRelation({ type: 'multipolygon', amenity: 'clinic' }); // true for { facilities: ['health'] }
   */
  wantRelation(tags: Record<string, string>): boolean {
    const areaLike =
      tags.type === 'multipolygon' ||
      tags.place !== undefined ||
      tags.amenity !== undefined ||
      tags.healthcare !== undefined;
    return areaLike && this.match(tags) !== null;
  }

  /**
   * Keeps a matching relation, to be placed by `finish` on its outer rings (roles `outer` or
   * empty), holes (`inner`) kept out, or at its `label` node.
   *
   * @param id - OSM relation id (the point's id becomes `relation/<id>`).
   * @param types - Member types (0 node, 1 way, 2 relation).
   * @param refs - Member ids.
   * @param roles - Member roles.
   * @param tags - Its OSM tags, kept as the point's properties.
   *
   * @example
   * c.relation(9, [1, 1], [456, 457], ['outer', 'inner'], { type: 'multipolygon', amenity: 'clinic' });
   */
  relation(
    id: number,
    types: ArrayLike<number>,
    refs: ArrayLike<number>,
    roles: readonly string[],
    tags: Record<string, string>,
  ): void {
    if (!this.wantRelation(tags)) return;
    const categories = this.match(tags) ?? [];
    const r = {
      id,
      tags,
      categories,
      outer: [] as number[],
      inner: [] as number[],
      label: [] as number[],
    };
    for (let i = 0; i < types.length; i++) {
      const role = roles[i];
      if (types[i] === 1 && (role === 'outer' || role === '')) r.outer.push(refs[i]);
      else if (types[i] === 1 && role === 'inner') r.inner.push(refs[i]);
      else if (types[i] === 0 && (role === 'label' || role === 'admin_centre'))
        r.label.push(refs[i]);
    }
    this.relations.push(r);
  }

  /**
   * True when matched relations are made of ways this pass did not keep (untagged outlines, as
   * most are): decode the same file again into `memberPass()` before `finish`.
   *
   * @example
   * if (c.needsMemberPass) decodeOsm(bytes, c.memberPass());
   */
  get needsMemberPass(): boolean {
    for (const r of this.relations)
      for (const list of [r.outer, r.inner])
        for (const w of list) if (!this.memberWays.has(w)) return true;
    return false;
  }

  /**
   * A sink for the second pass over the same file: it keeps the node lists of the ways the matched
   * relations need and nothing else (node positions were kept by the first pass).
   *
   * @example
   * decodeOsm(bytes, c.memberPass());
   */
  memberPass(): OsmSink {
    const wanted = new Set<number>();
    for (const r of this.relations) for (const w of [...r.outer, ...r.inner]) wanted.add(w);
    return {
      node: () => {},
      way: (id, refs) => {
        if (wanted.has(id)) this.memberWays.set(id, Array.from(refs));
      },
    };
  }

  /**
   * The points found (nodes first, then ways, each in file order) and what could not be read: a
   * way none of whose nodes is in the file is skipped with a warning, one missing some is placed
   * on the rest. Call it once, after decoding.
   *
   * @example
   * decodeOsm(bytes, c);
   * const { points, warnings } = c.finish();
   */
  finish(): { points: IndexedPoint[]; warnings: string[]; warningDetails: OsmPointWarning[] } {
    this.nodes.finish();
    if (this.nodes.duplicates > 0)
      this.warnings.push({
        kind: 'duplicate-nodes',
        count: this.nodes.duplicates,
        examples: [...this.nodes.duplicateIds],
      });
    const out = [...this.points];
    for (const w of this.ways) {
      const coords: [number, number][] = [];
      for (const r of w.refs) {
        const i = this.nodes.indexOf(r);
        if (i < 0) continue;
        coords.push([fromE7(this.nodes.lonE7(i)), fromE7(this.nodes.latE7(i))]);
      }
      if (coords.length === 0) {
        this.warnings.push({ kind: 'way-without-nodes', ...osmObject(`way/${w.id}`, w.tags) });
        continue;
      }
      if (coords.length < w.refs.length)
        this.warnings.push({
          kind: 'way-missing-nodes',
          missing: w.refs.length - coords.length,
          total: w.refs.length,
          ...osmObject(`way/${w.id}`, w.tags),
        });
      const closed =
        coords.length >= 4 &&
        coords[0][0] === coords[coords.length - 1][0] &&
        coords[0][1] === coords[coords.length - 1][1];
      let lon: number;
      let lat: number;
      if (closed)
        [lon, lat] = pointOnFeature({
          type: 'Polygon',
          coordinates: [coords],
        }).geometry.coordinates;
      else [lon, lat] = coords[Math.floor((coords.length - 1) / 2)];
      out.push(this.point('way', w.id, lon, lat, w.tags, w.categories));
    }
    for (const r of this.relations) {
      const p = this.placeRelation(r);
      if (p) out.push(p);
    }
    return {
      points: out,
      warnings: this.warnings.map(osmPointWarningText),
      warningDetails: [...this.warnings],
    };
  }

  /** A matched relation as a point, or null (with a warning, unless it repeats a matched node). */
  private placeRelation(r: (typeof this.relations)[number]): IndexedPoint | null {
    const what = osmObject(`relation/${r.id}`, r.tags);
    if (r.label.some((n) => this.matchedNodes.has(n))) return null; // read already as that node
    const coordsOf = (ids: readonly number[]): [number, number][] => {
      const out: [number, number][] = [];
      for (const n of ids) {
        const i = this.nodes.indexOf(n);
        if (i >= 0) out.push([fromE7(this.nodes.lonE7(i)), fromE7(this.nodes.latE7(i))]);
      }
      return out;
    };
    const ringsOf = (wayIds: readonly number[]) => {
      const ways: number[][] = [];
      for (const w of wayIds) {
        const refs = this.memberWays.get(w);
        if (refs) ways.push(refs);
      }
      return ringsFromWays(ways);
    };
    const outer = ringsOf(r.outer);
    const inner = ringsOf(r.inner);
    const complete = (ring: number[]) => coordsOf(ring).length === ring.length;
    const outers = outer.rings.filter(complete).map(coordsOf);
    let at = pointOnMultipolygon(outers, inner.rings.filter(complete).map(coordsOf));
    if (at === null) {
      let placedAt: 'label' | 'outer-ways';
      const label = coordsOf(r.label);
      const loose = coordsOf(outer.open.flat());
      if (label.length) {
        at = label[0];
        placedAt = 'label';
      } else if (loose.length) {
        at = loose[Math.floor((loose.length - 1) / 2)];
        placedAt = 'outer-ways';
      } else {
        this.warnings.push({ kind: 'relation-without-outer', ...what });
        return null;
      }
      this.warnings.push({ kind: 'relation-open-ring', placedAt, ...what });
    }
    return this.point('relation', r.id, at[0], at[1], r.tags, r.categories);
  }

  private point(
    type: 'node' | 'way' | 'relation',
    id: number,
    lon: number,
    lat: number,
    tags: Record<string, string>,
    categories: string[],
  ): IndexedPoint {
    const properties: Record<string, unknown> = { osm_type: type, osm_id: id, ...tags };
    if ('places' in this.query && tags.population !== undefined) {
      const n = Number(tags.population.replace(/[\s,_]/g, ''));
      if (Number.isFinite(n) && n >= 0) properties.population = n;
      else {
        properties.population = null;
        this.warnings.push({
          kind: 'population-not-number',
          value: tags.population,
          ...osmObject(`${type}/${id}`, tags),
        });
      }
    }
    const p: IndexedPoint = { lon, lat, id: `${type}/${id}`, properties };
    if (categories.length) p.category = categories.join(';');
    return p;
  }
}

/** Tags → the categories matched (possibly none for places), or null when the object is not wanted. */
function matcher(q: OsmPointQuery): (tags: Record<string, string>) => string[] | null {
  if ('places' in q) {
    const types = q.placeTypes ?? PLACE_TYPES;
    return (tags) => (tags.place !== undefined && types.includes(tags.place) ? [] : null);
  }
  const categories: string[] = [];
  const filters: [string, string, string][] = []; // key, value or '*', the filter as written
  for (const raw of q.facilities) {
    const f = raw.trim() === 'elderly' ? 'elderly-care' : raw.trim();
    if (CATEGORY_TAGS[f]) categories.push(f);
    else if (/^[^=\s]+=[^=]+$/.test(f)) {
      const [k, v] = f.split('=');
      filters.push([k, v, f]);
    } else {
      throw new InputError(
        'invalid-filter',
        `facility filter "${raw}" is neither a category (${Object.keys(CATEGORY_TAGS).join(', ')}) nor key=value / key=*`,
      );
    }
  }
  if (categories.length === 0 && filters.length === 0)
    throw new InputError('invalid-filter', 'no facility categories or tag filters given');
  return (tags) => {
    const found = categoriesFromTags(tags).filter((c) => categories.includes(c));
    for (const [k, v, f] of filters) {
      const value = tags[k];
      if (
        value !== undefined &&
        value !== 'no' &&
        (v === '*' || value.split(';').some((x) => x.trim() === v))
      )
        found.push(f);
    }
    return found.length ? found : null;
  };
}
