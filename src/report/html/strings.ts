import type { Lang } from '../lang';

/** The report's language: the one `Lang` of the package (`--lang`), named for the report's API. */
export type ReportLang = Lang;

/** Every word the report prints, by key; `{n}`-style slots are filled by `fill`. */
const EN = {
  standard: 'Standard',
  mode: 'Mode',
  walk: 'on foot',
  car: 'by car',
  bicycle: 'by bicycle',
  covered: 'covered',
  outside: 'outside',
  unreachable: 'unreachable',
  'off-network': 'off-network',
  village: 'Village',
  villages: 'villages',
  township: 'Township',
  population: 'Population',
  populationUnknown: 'unknown',
  minutes: 'min',
  meters: 'm',
  km: 'km',
  travelTime: 'travel time',
  distance: 'network distance',
  nearestFacility: 'Nearest facility',
  status: 'Status',
  reason: 'Reason',
  threshold: 'Threshold',
  headline:
    '{villageShare} of villages ({within} of {total}) and {popShare} of the population are within {limit} {mode} of {what}.',
  popKnown:
    '(population known for {known} of {total} villages; population shares count only those)',
  allStandards: 'All standards',
  byTownship: 'By township',
  byUrban: 'Urban and rural (village property "{field}")',
  shareVillages: 'Share of villages within',
  sharePop: 'Share of population within',
  villagesWithin: 'Villages within',
  popWithin: 'Population within',
  notCovered: 'Not covered',
  meanTime: 'Population-weighted mean travel time (min)',
  meanDistance: 'Population-weighted mean network distance (m)',
  notCoveredList: 'Villages not covered, largest population first',
  andMore: '… and {n} more (outside.csv lists every one).',
  cumulativeChart: 'Cumulative share of population by {measure}',
  histogramChart: 'Villages by {measure}, against the threshold',
  beyond: 'none reached',
  allVillages: 'all villages',
  roads: 'Roads',
  facilities: 'Facilities',
  facilitiesOther: 'other facilities',
  facilityCount: '{n} facilities here',
  bands: 'Reach from the facilities',
  sites: 'Suggested new sites',
  sitesNote: 'numbered in pick order',
  toursTitle: 'Mobile-service tours',
  toursSummary:
    'Vehicles: {vehicles}; tours a period: {tours}; villages visited: {villages}; not served: {unserved}.',
  tourVehicle: 'Vehicle',
  tourDay: 'Day',
  tourDepot: 'Based at',
  tourVillages: 'Villages in order',
  tourDriveHours: 'Driving (h)',
  tourTotalHours: 'Total (h)',
  toursUnserved: 'Villages no tour can serve',
  tourLongerThanDay: 'longer than a working day',
  north: 'N',
  statusLegend: 'Villages (size: population)',
  tooltipHint: 'Hover or tap a village for details; click it for the way to its nearest facility.',
  mapSample:
    'The map draws {shown} of {total} villages (one in {every}); the figures, tables and charts count them all.',
  routeStraight:
    'Straight line to the nearest facility (the road route is not embedded in this report).',
  madeWith: 'Made with servicereach.',
  osm: 'Map data © OpenStreetMap contributors, ODbL.',
  osmShort: '© OpenStreetMap contributors (ODbL)',
  noData: 'no data',
  share: 'share',
  anyFacility: 'a facility',
  print: 'Print',
} as const;

/** A report string key. */
export type StringKey = keyof typeof EN;

const ZH: Record<StringKey, string> = {
  standard: '标准',
  mode: '出行方式',
  walk: '步行',
  car: '驾车',
  bicycle: '骑行',
  covered: '已覆盖',
  outside: '超出范围',
  unreachable: '不可达',
  'off-network': '远离路网',
  village: '村',
  villages: '个村',
  township: '乡镇',
  population: '人口',
  populationUnknown: '未知',
  minutes: '分钟',
  meters: '米',
  km: '公里',
  travelTime: '出行时间',
  distance: '路网距离',
  nearestFacility: '最近设施',
  status: '状态',
  reason: '原因',
  threshold: '阈值',
  headline:
    '{villageShare}的村（{total}个中的{within}个）和{popShare}的人口在{mode}{limit}内可达{what}。',
  popKnown: '（{total}个村中{known}个有人口数据；人口比例只按这些村计算）',
  allStandards: '全部标准',
  byTownship: '分乡镇',
  byUrban: '城乡（村属性“{field}”）',
  shareVillages: '覆盖村比例',
  sharePop: '人口覆盖率',
  villagesWithin: '覆盖村数',
  popWithin: '覆盖人口',
  notCovered: '未覆盖',
  meanTime: '人口加权平均出行时间（分钟）',
  meanDistance: '人口加权平均路网距离（米）',
  notCoveredList: '未覆盖的村（按人口从多到少）',
  andMore: '……另有{n}个（见 outside.csv）。',
  cumulativeChart: '按{measure}累计的人口比例',
  histogramChart: '各村{measure}分布与阈值',
  beyond: '不可达',
  allVillages: '全部村',
  roads: '道路',
  facilities: '设施',
  facilitiesOther: '其他设施',
  facilityCount: '此处{n}个设施',
  bands: '设施可达范围',
  sites: '建议新增站点',
  sitesNote: '按选址顺序编号',
  toursTitle: '流动服务巡回路线',
  toursSummary: '{vehicles}辆车，每周期{tours}趟，巡回{villages}个村；{unserved}个村无法服务。',
  tourVehicle: '车辆',
  tourDay: '日',
  tourDepot: '驻地',
  tourVillages: '依次到访的村',
  tourDriveHours: '行车（小时）',
  tourTotalHours: '合计（小时）',
  toursUnserved: '巡回无法服务的村',
  tourLongerThanDay: '超过一个工作日',
  north: '北',
  statusLegend: '村（大小表示人口）',
  tooltipHint: '鼠标悬停或轻触村点查看详情；点击显示到最近设施的路线。',
  mapSample:
    '地图绘出 {total} 个村中的 {shown} 个（每 {every} 个取一个）；数字、表格和图表计入全部村。',
  routeStraight: '到最近设施的直线（本报告未嵌入道路路线）。',
  madeWith: '由 servicereach 生成。',
  osm: '地图数据 © OpenStreetMap 贡献者，ODbL。',
  osmShort: '© OpenStreetMap 贡献者（ODbL）',
  noData: '无数据',
  share: '比例',
  anyFacility: '设施',
  print: '打印',
};

/** Chinese names of the preset standards (src/analysis/standards.ts has English titles only). */
/**
 * The report's strings in one language, with `{slot}` filling.
 *
 * @param lang - `en` or `zh`.
 * @returns `t(key, slots?)` giving the string with its slots filled.
 *
 * @example
 * const t = reportStrings('zh');
 * t('township'); // '乡镇'
 */
export function reportStrings(
  lang: ReportLang,
): (key: StringKey, slots?: Record<string, string | number>) => string {
  const table: Record<StringKey, string> = lang === 'zh' ? ZH : EN;
  return (key, slots) => {
    const s = table[key];
    return slots ? s.replace(/\{(\w+)\}/g, (m, k: string) => String(slots[k] ?? m)) : s;
  };
}

/**
 * A standard's title in the report's language: its Chinese title (`zh.title`, as the plans word
 * it) for `zh` when it has one, else its own title.
 *
 * @param standard - The standard (a preset, `defineStandard`'s result or a coverage run's).
 * @param lang - The report's language.
 * @returns The title to print.
 *
 * @example
 * standardTitle(standardById('elderly-care-15min'), 'zh'); // '15分钟养老服务圈（步行）'
 */
export function standardTitle(
  standard: { readonly title: string; readonly zh?: { readonly title: string } },
  lang: ReportLang,
): string {
  return lang === 'zh' ? (standard.zh?.title ?? standard.title) : standard.title;
}

/** Every key of both tables, for the test that checks none is missing or empty. */
export const REPORT_STRING_TABLES: Readonly<Record<ReportLang, Record<StringKey, string>>> = {
  en: EN,
  zh: ZH,
};
