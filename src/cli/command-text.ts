import type { IndexedPoint } from '../points/indexed-point';
import { label, type Lang, PROFILE_ZH } from '../report/lang';

// What nearest, access, site and isochrone print and the headers of the files they write, in
// English and Chinese: one table per command, so a command file only picks `TEXT[lang]`.

/**
 * A point's name for people: its `name` property, else its id in brackets.
 *
 * @param p - A village, facility, candidate or depot.
 * @param i - Its index, used when it has neither name nor id.
 * @returns E.g. `Xiaba village` or `[V0052]`.
 * @example
 * pointLabel({ lon: 0, lat: 0, id: 'V1', properties: { name: 'Xiaba' } }, 0); // 'Xiaba'
 */
export function pointLabel(p: IndexedPoint, i: number): string {
  const name = p.properties?.name;
  if (typeof name === 'string' && name.trim() !== '') return name.trim();
  if (typeof name === 'number') return String(name);
  return `[${p.id ?? `#${i + 1}`}]`;
}

/**
 * A point's `name` property as a CSV/table cell (empty when it has none).
 *
 * @param p - A village or facility.
 * @returns The name, or `''`.
 * @example
 * pointName({ lon: 0, lat: 0, properties: { name: '石门村' } }); // '石门村'
 */
export function pointName(p: IndexedPoint | undefined): string {
  const name = p?.properties?.name;
  return typeof name === 'string' ? name.trim() : typeof name === 'number' ? String(name) : '';
}

const profileZh = (p: string) => label('zh', PROFILE_ZH, p);

// Metres as a planner reads them: 529 米, 10.0 公里 (not 10036.37 米).
const distanceZh = (m: number | null) =>
  m === null ? '—' : m < 1000 ? `${Math.round(m)} 米` : `${(m / 1000).toFixed(1)} 公里`;

// The access methods by the names of the literature in Chinese (两步移动搜索法 = 2SFCA).
const METHOD_ZH: Record<string, string> = {
  '2sfca': '两步移动搜索法 2SFCA',
  e2sfca: '增强两步移动搜索法 E2SFCA',
  gaussian: '高斯两步移动搜索法',
};

/** `servicereach nearest`: summary lines, CSV headers and statuses. */
export const NEAREST_TEXT = {
  en: {
    // With names (zh) the CSV gains a name column after each id; in English it stays as it was.
    names: false,
    straightHeader: ['village', 'rank', 'facility', 'distanceM'],
    networkHeader: [
      'village',
      'rank',
      'facility',
      'timeS',
      'distanceM',
      'status',
      'entry',
      'offRoadM',
    ],
    status: (s: string) => s,
    entry: (main: boolean) => (main ? 'main-network' : 'nearest'),
    networkTitle: (profile: string, v: number, f: number, k: number, maxMin?: number) =>
      `nearest (network, ${profile}): ${v} villages, ${f} facilities, k=${k}${maxMin !== undefined ? `, within ${maxMin} min` : ''}`,
    statusLine: (st: string, c: number) => `  ${st.padEnd(22)} ${c}`,
    straightTitle: (v: number, f: number, k: number, maxM?: number, cats?: string[]) =>
      `nearest (straight line): ${v} villages, ${f} facilities, k=${k}${maxM !== undefined ? `, within ${maxM} m` : ''}${cats ? `, category ${cats.join(',')}` : ''}`,
    withFacility: (n: number) => `  with a facility        ${n}`,
    without: (n: number) => `  without (none within)  ${n}`,
    mean: (m: number | null) => `  mean nearest distance  ${m ?? '—'} m`,
    max: (m: number | null) => `  max nearest distance   ${m ?? '—'} m`,
    written: (f: string) => `  written to             ${f}`,
  },
  zh: {
    names: true,
    straightHeader: ['村庄编号', '村名', '排名', '设施编号', '设施名称', '直线距离（米）'],
    networkHeader: [
      '村庄编号',
      '村名',
      '排名',
      '设施编号',
      '设施名称',
      '时间（秒）',
      '路程（米）',
      '状态',
      '入网方式',
      '离路距离（米）',
    ],
    status: (s: string) =>
      ({ ok: '可达', outside: '超出时限', unreachable: '不可达', 'off-network': '远离路网' })[s] ??
      s,
    entry: (main: boolean) => (main ? '主路网' : '最近道路'),
    networkTitle: (profile: string, v: number, f: number, k: number, maxMin?: number) =>
      `最近设施（路网，${profileZh(profile)}）：村庄 ${v} 个，设施 ${f} 处，每村取 ${k} 处${maxMin !== undefined ? `，时限 ${maxMin} 分钟` : ''}`,
    statusLine: (st: string, c: number) => `  ${st}：${c} 个村庄`,
    straightTitle: (v: number, f: number, k: number, maxM?: number, cats?: string[]) =>
      `最近设施（直线距离）：村庄 ${v} 个，设施 ${f} 处，每村取 ${k} 处${maxM !== undefined ? `，${maxM} 米以内` : ''}${cats ? `，类别 ${cats.join('、')}` : ''}`,
    withFacility: (n: number) => `  范围内有设施的村庄：${n} 个`,
    without: (n: number) => `  范围内无设施的村庄：${n} 个`,
    mean: (m: number | null) => `  到最近设施平均距离：${distanceZh(m)}`,
    max: (m: number | null) => `  到最近设施最远距离：${distanceZh(m)}`,
    written: (f: string) => `  已写出：${f}`,
  },
} satisfies Record<Lang, unknown>;

/** `servicereach access`: summary lines and the CSV headers of --out and --facility-out. */
export const ACCESS_TEXT = {
  en: {
    names: false,
    header: ['village', 'score_per_1000', 'population', 'facilities_within', 'note'],
    facilityHeader: [
      'facility',
      'capacity',
      'assigned_population',
      'population_within',
      'per_1000_assigned',
      'shortfall',
    ],
    offNetwork: 'off-network',
    populationUnknown: 'population unknown',
    title: (method: string, minutes: number, profile: string, field: string) =>
      `access (${method}, ${minutes} min, ${profile}): ${field} per 1,000 residents within reach`,
    counts: (v: number, f: number, field: string, total: number) =>
      `  villages ${v}, facilities ${f}, total ${field} ${total}`,
    noAccess: (n: number, zero: number) =>
      `  villages with no facility within reach: ${n} (score 0: ${zero})`,
    noPopulation: (n: number) => `  villages without population (no demand counted): ${n}`,
    written: (f: string) => `  written to ${f}`,
  },
  zh: {
    names: true,
    header: ['村庄编号', '村名', '每千人拥有量', '人口', '可达设施数', '备注'],
    facilityHeader: [
      '设施编号',
      '设施名称',
      '容量',
      '分配人口',
      '服务范围内人口',
      '每千人分配量',
      '缺口',
    ],
    offNetwork: '远离路网',
    populationUnknown: '人口未知',
    title: (method: string, minutes: number, profile: string, field: string) =>
      `可达性（${METHOD_ZH[method] ?? method}，${minutes} 分钟，${profileZh(profile)}）：可达范围内每千人拥有的 ${field}`,
    counts: (v: number, f: number, field: string, total: number) =>
      `  村庄 ${v} 个，设施 ${f} 处，${field} 合计 ${total}`,
    noAccess: (n: number, zero: number) =>
      `  可达范围内没有设施的村庄：${n} 个（得分为 0：${zero} 个）`,
    noPopulation: (n: number) => `  无人口数据的村庄（不计需求）：${n} 个`,
    written: (f: string) => `  已写出：${f}`,
  },
} satisfies Record<Lang, unknown>;

/** `servicereach site`: the table and the sites.csv header. */
export const SITE_TEXT = {
  en: {
    method: (coverAll: boolean) =>
      coverAll ? 'set covering (greedy)' : 'maximal covering (greedy, lazy evaluation)',
    title: (method: string, min: number, profile: string, v: number, f: number, c: number) =>
      `site: ${method}, within ${min} min (${profile}); ${v} villages, ${f} existing facilities, ${c} candidates`,
    before: 'covered before',
    after: 'covered after',
    of: (a: number, b: number) => `(${a} of ${b} villages)`,
    added: (n: number) => `(${n} villages)`,
    byVillages: '  chosen by villages: no candidate adds known population',
    shortfall: (got: number, p: number, message: string) => `  ${got} of ${p} sites: ${message}`,
    uncoverable: (n: number, unknown: number) =>
      `  no candidate reaches ${n} villages${unknown ? `; ${unknown} villages have no population (counted as 0 here)` : ''}`,
    uncoverableNames: (names: string) => `    ${names}`,
    written: (f: string) => `  written to ${f}/`,
    csvHeader: [
      'rank',
      'site',
      'name',
      'lon',
      'lat',
      'populationAdded',
      'villagesAdded',
      'chosenBy',
    ],
    chosenBy: (s: string) => s,
  },
  zh: {
    method: (coverAll: boolean) => (coverAll ? '集合覆盖（贪心）' : '最大覆盖（贪心）'),
    title: (method: string, min: number, profile: string, v: number, f: number, c: number) =>
      `选址：${method}，${profileZh(profile)} ${min} 分钟以内；村庄 ${v} 个，现有设施 ${f} 处，候选点 ${c} 个`,
    before: '新增前覆盖人口',
    after: '新增后覆盖人口',
    of: (a: number, b: number) => `（${b} 个村庄中 ${a} 个）`,
    added: (n: number) => `（新增覆盖 ${n} 个村庄）`,
    byVillages: '  按村庄数选出：没有候选点能增加已知人口',
    shortfall: (got: number, p: number, message: string) =>
      `  只选出 ${got} 处（要求 ${p} 处）：${message}`,
    uncoverable: (n: number, unknown: number) =>
      `  任何候选点都覆盖不到的村庄：${n} 个${unknown ? `；${unknown} 个村庄无人口数据（此处按 0 计）` : ''}`,
    uncoverableNames: (names: string) => `    ${names}`,
    written: (f: string) => `  已写出：${f}/`,
    csvHeader: [
      '序号',
      '候选点编号',
      '名称',
      '经度',
      '纬度',
      '新增覆盖人口',
      '新增覆盖村庄数',
      '选择依据',
    ],
    chosenBy: (s: string) => (s === 'villages' ? '村庄数' : s === 'population' ? '人口' : s),
  },
} satisfies Record<Lang, unknown>;

/** `servicereach isochrone`: the summary lines. */
export const ISOCHRONE_TEXT = {
  en: {
    title: (profile: string, direction: string, origins: number, minutes: number[]) =>
      `isochrone (${profile}, ${direction}): ${origins} origin(s), bands ${minutes.join(', ')} min`,
    origin: (name: string) => `origin ${name}  `,
    band: (minutes: number, km2: number) =>
      `${String(minutes).padStart(5)} min  ${km2.toFixed(2).padStart(9)} km²`,
    people: (villages: number, population: number, unknown: number) =>
      `  ${villages} villages, population ${population}${unknown ? ` (+${unknown} villages unknown)` : ''}`,
    written: (f: string) => `  written to ${f}`,
  },
  zh: {
    title: (profile: string, direction: string, origins: number, minutes: number[]) =>
      `等时圈（${profileZh(profile)}，${direction === 'to' ? '到达起点' : '从起点出发'}）：起点 ${origins} 个，时段 ${minutes.join('、')} 分钟`,
    origin: (name: string) => `起点 ${name}  `,
    band: (minutes: number, km2: number) =>
      `${String(minutes).padStart(5)} 分钟  ${km2.toFixed(2).padStart(9)} 平方公里`,
    people: (villages: number, population: number, unknown: number) =>
      `  村庄 ${villages} 个，人口 ${population.toLocaleString('en-US')}${unknown ? `（另有 ${unknown} 个村庄人口未知）` : ''}`,
    written: (f: string) => `  已写出：${f}`,
  },
} satisfies Record<Lang, unknown>;
