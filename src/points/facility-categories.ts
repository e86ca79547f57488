import type { IndexedPoint } from './indexed-point';

/** The category names the presets use, with the OSM tags that imply each. */
export const CATEGORY_TAGS: Readonly<Record<string, readonly string[]>> = {
  health: ['amenity=hospital', 'amenity=clinic', 'amenity=doctors', 'healthcare=*'],
  hospital: ['amenity=hospital', 'healthcare=hospital'],
  'elderly-care': [
    'amenity=nursing_home',
    'social_facility=nursing_home',
    'social_facility=assisted_living',
    'social_facility:for=senior',
    'social_facility:for=elderly',
  ],
  education: ['amenity=school', 'amenity=kindergarten', 'amenity=college'],
  school: ['amenity=school'],
  kindergarten: ['amenity=kindergarten', 'amenity=childcare'],
  culture: [
    'amenity=community_centre',
    'amenity=library',
    'amenity=arts_centre',
    'amenity=theatre',
    'tourism=museum',
  ],
  fitness: [
    'leisure=fitness_centre',
    'leisure=sports_centre',
    'leisure=fitness_station',
    'leisure=sports_hall',
  ],
  employment: ['office=employment_agency', 'amenity=job_centre'],
};

/**
 * Values of a `key=*` rule that do not count: shops and services that are not a place of care
 * (a pharmacy sells medicine; it is not where a health-service standard sends people).
 */
export const EXCLUDED_VALUES: Readonly<Record<string, readonly string[]>> = {
  healthcare: [
    'pharmacy',
    'audiologist',
    'optometrist',
    'hearing_care',
    'sample_collection',
    'blood_donation',
    'no',
  ],
};

/**
 * Categories of an OSM-tagged object, from `CATEGORY_TAGS` (`healthcare=*` means any value but
 * those in `EXCLUDED_VALUES`). An object may have several (a hospital is `health` and `hospital`).
 *
 * @param tags - OSM tags (or any properties); `;`-separated values are read one by one and a value
 *   `no` never matches. `null` or no matching tag gives `[]`.
 * @returns Category names in `CATEGORY_TAGS` order.
 *
 * @example
 * categoriesFromTags({ healthcare: 'yes', building: 'yes' }); // ['health']
 */
export function categoriesFromTags(tags: Record<string, unknown> | null | undefined): string[] {
  if (!tags) return [];
  const out: string[] = [];
  for (const [category, rules] of Object.entries(CATEGORY_TAGS)) {
    for (const rule of rules) {
      const [key, value] = rule.split('=');
      const v = tags[key];
      if (typeof v !== 'string' || v === 'no') continue;
      const values = v.split(';').map((x) => x.trim());
      if (
        value === '*'
          ? values.some((x) => !EXCLUDED_VALUES[key]?.includes(x))
          : values.includes(value)
      ) {
        out.push(category);
        break;
      }
    }
  }
  return out;
}

/**
 * Categories of a facility: its `category` field (several may be separated by `,` or `;`), or,
 * when it has none, the categories its OSM tags imply.
 *
 * @param p - A facility; without `category`, its `properties` are read as OSM tags (see
 *   `categoriesFromTags`), so a facility with neither has no category (`[]`).
 *
 * @example
 * facilityCategories({ lon: 1.5, lat: 42.5, category: 'health;elderly-care' }); // ['health', 'elderly-care']
 */
export function facilityCategories(p: IndexedPoint): string[] {
  if (p.category !== undefined && p.category !== '') {
    return String(p.category)
      .split(/[;,]/)
      .map((c) => c.trim())
      .filter(Boolean);
  }
  return categoriesFromTags(p.properties);
}
