import { InputError } from '../errors';

/** What every standard has, whatever it is measured in. */
interface StandardFields {
  id: string;
  title: string;
  /** Name of the speed profile the network must be built with (`walk`, `car`, `bicycle`, or your own). */
  profile: string;
  /** Facility categories that serve it; see `require`. */
  categories: string[];
  /**
   * `all`: a village is covered when a facility of *every* category is within the threshold
   * (a 15-minute circle of several services); `any`: when one facility of any category is.
   */
  require: 'all' | 'any';
  /** Where the standard comes from, and how this preset reads it. */
  source: string;
  /** The Chinese name, as the plans word it, and the Chinese title of the plan (`--lang zh`). */
  zh?: { title: string; source: string };
}

/** A standard measured in travel time on the profile's network (off-road legs included). */
export interface TimeStandard extends StandardFields {
  /** Minutes of travel. */
  thresholdMinutes: number;
  thresholdMeters?: undefined;
}

/** A standard measured in metres along the network (the "10-li" = 5 km culture circle). */
export interface DistanceStandard extends StandardFields {
  /** Metres along the roads and paths, not as the crow flies. */
  thresholdMeters: number;
  thresholdMinutes?: undefined;
}

/**
 * An accessibility standard: which facilities serve it, how they are reached and within what.
 * Exactly one of `thresholdMinutes` (travel time) and `thresholdMeters` (network distance) is set,
 * so the field's name always says what its number counts.
 */
export type ServiceStandard = TimeStandard | DistanceStandard;

/** What `defineStandard` takes: a standard with `require` optional (default `any`). */
export type StandardDefinition =
  | (Omit<TimeStandard, 'require'> & { require?: 'all' | 'any' })
  | (Omit<DistanceStandard, 'require'> & { require?: 'all' | 'any' });

const PLAN_YUNNAN =
  'Yunnan Province 14th Five-Year public-service plan: 15-minute public-service circles in towns and a 1.5-hour basic public-service circle for remote rural villages';
const PLAN_YUNNAN_ZH =
  '《云南省“十四五”基本公共服务规划》：城镇15分钟公共服务圈、边远农村1.5小时基本公共服务圈';
const PLAN_CULTURE_ZH =
  '县、乡镇公共文化服务体系建设方案（如丽水、镇江）：城镇文化圈与农村“十里文化圈”（5公里）';
const PLAN_CULTURE =
  'county and township public-culture programmes (e.g. Lishui, Zhenjiang): town culture circles and the rural "10-li" (5 km) culture circle';

/**
 * The presets drawn from regional plans. Each is this library's reading of a plan's wording:
 * check the thresholds and categories against the plan text that binds your study, and define
 * your own with `defineStandard` where they differ.
 */
export const STANDARDS: readonly ServiceStandard[] = [
  {
    id: 'community-15min',
    title: '15-minute community public-service circle (on foot)',
    profile: 'walk',
    thresholdMinutes: 15,
    categories: ['elderly-care', 'fitness', 'employment', 'culture'],
    require: 'all',
    source: `${PLAN_YUNNAN}; read as: elderly care, fitness, employment service and culture each within a 15-minute walk`,
    zh: {
      title: '15分钟社区公共服务圈（步行）',
      source: PLAN_YUNNAN_ZH + '；本库读作：养老、健身、就业服务、文化设施均在步行15分钟内',
    },
  },
  {
    id: 'elderly-care-15min',
    title: '15-minute elderly-care circle (on foot)',
    profile: 'walk',
    thresholdMinutes: 15,
    categories: ['elderly-care'],
    require: 'any',
    source: PLAN_YUNNAN,
    zh: { title: '15分钟养老服务圈（步行）', source: PLAN_YUNNAN_ZH },
  },
  {
    id: 'fitness-15min',
    title: '15-minute fitness circle (on foot)',
    profile: 'walk',
    thresholdMinutes: 15,
    categories: ['fitness'],
    require: 'any',
    source: PLAN_YUNNAN,
    zh: { title: '15分钟健身圈（步行）', source: PLAN_YUNNAN_ZH },
  },
  {
    id: 'employment-15min',
    title: '15-minute employment-service circle (on foot)',
    profile: 'walk',
    thresholdMinutes: 15,
    categories: ['employment'],
    require: 'any',
    source: PLAN_YUNNAN,
    zh: { title: '15分钟就业服务圈（步行）', source: PLAN_YUNNAN_ZH },
  },
  {
    id: 'town-culture-10min',
    title: '10-minute town culture circle (on foot)',
    profile: 'walk',
    thresholdMinutes: 10,
    categories: ['culture'],
    require: 'any',
    source: PLAN_CULTURE,
    zh: { title: '10分钟城镇文化圈（步行）', source: PLAN_CULTURE_ZH },
  },
  {
    id: 'rural-culture-5km',
    title: '"10-li" rural culture circle: 5 km along the roads and paths',
    profile: 'walk',
    thresholdMeters: 5000,
    categories: ['culture'],
    require: 'any',
    source: `${PLAN_CULTURE}; 10 li = 5 km, measured along the network (footpaths included), not as the crow flies`,
    zh: {
      title: '农村“十里文化圈”：沿道路步道5公里',
      source: PLAN_CULTURE_ZH + '；十里即5公里，沿路网（含步道）计算，而非直线距离',
    },
  },
  {
    id: 'rural-basic-90min',
    title: '1.5-hour basic public-service circle for remote rural villages (by car)',
    profile: 'car',
    thresholdMinutes: 90,
    categories: ['health', 'education'],
    require: 'all',
    source: `${PLAN_YUNNAN}; read as: a health facility and a school each within 90 minutes by car`,
    zh: {
      title: '边远农村1.5小时基本公共服务圈（驾车）',
      source: PLAN_YUNNAN_ZH + '；本库读作：卫生机构与学校均在驾车90分钟内',
    },
  },
];

/**
 * A preset by id, or an error listing the ids.
 *
 * @param id - The preset's id, as listed in `STANDARDS` (e.g. `elderly-care-15min`).
 * @returns The preset itself (not a copy).
 *
 * @example
 * standardById('rural-basic-90min').thresholdMinutes; // 90
 * standardById('rural-culture-5km').thresholdMeters; // 5000
 */
export function standardById(id: string): ServiceStandard {
  const s = STANDARDS.find((x) => x.id === id);
  if (!s)
    throw new InputError(
      'unknown-standard',
      `unknown standard "${id}"; presets: ${STANDARDS.map((x) => x.id).join(', ')}`,
      {
        zh: `没有“${id}”这个标准；可用的预设标准：${STANDARDS.map((x) => x.id).join('、')}（servicereach standards --lang zh 列出说明）`,
      },
    );
  return s;
}

/**
 * Check and complete a user-defined standard (missing `require` → `any`). It must give exactly
 * one of `thresholdMinutes` (travel time) and `thresholdMeters` (distance along the network);
 * anything else is an `InputError` saying what is wrong with which standard.
 *
 * @param s - The standard: id, title, profile, one threshold, categories, source, optional `require`.
 * @returns A new standard with `require` filled in and its own copy of `categories`.
 *
 * @example
 * const clinic = defineStandard({ id: 'clinic-30min', title: 'Clinic within 30 min by car', profile: 'car',
 *   thresholdMinutes: 30, categories: ['health'], source: 'county health plan 2025' });
 * const library = defineStandard({ id: 'library-3km', title: 'Library within 3 km on foot', profile: 'walk',
 *   thresholdMeters: 3000, categories: ['culture'], source: 'town culture plan' });
 */
export function defineStandard(s: StandardDefinition): ServiceStandard {
  const where = `standard "${s.id}"`;
  if (!s.id || typeof s.id !== 'string')
    throw new InputError('invalid-standard', `a standard needs an id, got ${JSON.stringify(s.id)}`);
  if (typeof s.profile !== 'string' || !s.profile)
    throw new InputError(
      'invalid-standard',
      `${where}: profile must be a profile name (walk, car, bicycle…), got ${JSON.stringify(s.profile)}`,
    );
  // Standards written before the fields were named by unit: say what replaced them.
  const legacy = ['threshold', 'metric'].filter((k) => k in s);
  if (legacy.length)
    throw new InputError(
      'invalid-standard',
      `${where}: ${legacy.join(' and ')} ${legacy.length > 1 ? 'are' : 'is'} no longer read; give thresholdMinutes (travel time) or thresholdMeters (distance along the network)`,
    );
  const minutes = s.thresholdMinutes;
  const meters = s.thresholdMeters;
  if (minutes !== undefined && meters !== undefined)
    throw new InputError(
      'invalid-standard',
      `${where}: give thresholdMinutes or thresholdMeters, not both (got ${minutes} min and ${meters} m)`,
    );
  if (minutes === undefined && meters === undefined)
    throw new InputError(
      'invalid-standard',
      `${where}: needs thresholdMinutes (travel time) or thresholdMeters (distance along the network)`,
    );
  const [name, value] =
    minutes !== undefined ? ['thresholdMinutes', minutes] : ['thresholdMeters', meters];
  if (!(typeof value === 'number' && value > 0 && Number.isFinite(value)))
    throw new InputError(
      'invalid-standard',
      `${where}: ${name} must be a number > 0, got ${typeof value === 'number' ? value : JSON.stringify(value)}`,
    );
  const require = s.require ?? 'any';
  if (require !== 'all' && require !== 'any')
    throw new InputError(
      'invalid-standard',
      `${where}: require must be all or any, got ${JSON.stringify(require)}`,
    );
  if (!Array.isArray(s.categories) || s.categories.some((c) => typeof c !== 'string' || !c))
    throw new InputError(
      'invalid-standard',
      `${where}: categories must be a list of names, got ${JSON.stringify(s.categories)}`,
    );
  const { id, title, profile, source } = s;
  const categories = [...s.categories];
  const zh = s.zh ? { zh: { title: s.zh.title, source: s.zh.source } } : {};
  // The threshold right after the profile, as in the presets: that is how people read a standard.
  return minutes !== undefined
    ? { id, title, profile, thresholdMinutes: minutes, categories, require, source, ...zh }
    : { id, title, profile, thresholdMeters: meters as number, categories, require, source, ...zh };
}
