import { InputError } from '../errors';

/** The language of what people read: tables, column headers, report text. */
export type Lang = 'en' | 'zh';

/** The spellings of `--lang` / `lang` that mean 简体中文. */
export const ZH_TAGS: readonly string[] = ['zh', 'zh-CN', 'zh-Hans'];

/**
 * Check a language option: `en` (default) or `zh` (简体中文).
 *
 * @param value - What the user gave (`undefined` is `en`).
 * @returns The language.
 * @example
 * parseLang('zh'); // 'zh'
 */
export function parseLang(value: string | undefined): Lang {
  if (value === undefined || value === 'en') return 'en';
  if (ZH_TAGS.includes(value)) return 'zh';
  throw new InputError('unknown-lang', `language must be en or zh, got ${JSON.stringify(value)}`);
}

/** Coverage statuses in Chinese. */
export const STATUS_ZH: Readonly<Record<string, string>> = {
  covered: '已覆盖',
  outside: '超出标准',
  unreachable: '不可达',
  'off-network': '远离路网',
};

/** Facility categories in Chinese. */
export const CATEGORY_ZH: Readonly<Record<string, string>> = {
  health: '卫生',
  hospital: '医院',
  education: '教育',
  school: '学校',
  kindergarten: '幼儿园',
  'elderly-care': '养老',
  culture: '文化',
  fitness: '健身',
  employment: '就业',
};

/** Speed profiles in Chinese. */
export const PROFILE_ZH: Readonly<Record<string, string>> = {
  walk: '步行',
  car: '驾车',
  bicycle: '骑行',
};

/** OSM road classes (`highway=*`) in Chinese, as the report's map legend names them. */
export const ROAD_CLASS_ZH: Readonly<Record<string, string>> = {
  motorway: '高速公路',
  trunk: '国道干线',
  primary: '主要公路',
  secondary: '次要公路',
  tertiary: '县乡道',
  unclassified: '村道',
  residential: '街巷',
  living_street: '生活街道',
  service: '专用道路',
  road: '道路',
  track: '机耕路',
  path: '小路',
  footway: '步道',
  cycleway: '自行车道',
  pedestrian: '步行街',
  steps: '台阶',
  bridleway: '驮道',
  other: '其他',
};

/**
 * Facility categories as a Chinese list for messages: the Chinese name with the key the user
 * typed, an unknown key quoted as given.
 *
 * @param categories - Category keys (`health`, `school`…).
 * @returns The list joined by 、.
 * @example
 * categoriesZh(['health', 'clinic']); // '卫生（health）、“clinic”'
 */
export function categoriesZh(categories: readonly string[]): string {
  return categories
    .map((c) => (CATEGORY_ZH[c] ? `${CATEGORY_ZH[c]}（${c}）` : `“${c}”`))
    .join('、');
}

/**
 * A label in the language asked for: the Chinese entry of `table` when `lang` is `zh` and there
 * is one, else the key itself.
 *
 * @param lang - The language.
 * @param table - Chinese labels by key (`STATUS_ZH`, `CATEGORY_ZH`, `PROFILE_ZH`).
 * @param key - The English key.
 * @returns The label.
 * @example
 * label('zh', STATUS_ZH, 'covered'); // '已覆盖'
 */
export function label(lang: Lang, table: Readonly<Record<string, string>>, key: string): string {
  return lang === 'zh' ? (table[key] ?? key) : key;
}

/**
 * How many terminal columns a string takes: CJK and full-width characters take two.
 *
 * @param s - The text.
 * @returns Its display width.
 * @example
 * displayWidth('石门村 a'); // 8
 */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd)
        ? 2
        : 1;
  }
  return w;
}

/**
 * Pad to a display width (CJK counted double), on the right (`end`) or the left (`start`).
 *
 * @param s - The text.
 * @param width - The columns it should fill.
 * @param side - `end` pads after (left-aligned), `start` before (right-aligned).
 * @returns The padded text (unchanged when already as wide).
 * @example
 * pad('乡镇', 6); // '乡镇  '
 */
export function pad(s: string, width: number, side: 'start' | 'end' = 'end'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return side === 'end' ? s + fill : fill + s;
}
