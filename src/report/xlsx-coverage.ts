import { optionsObject } from '../geo/check-args';
import type { OptionKeys } from '../geo/option-keys';
import type { CoverageResult, VillageCoverage } from '../analysis/coverage';
import { standardThreshold } from '../analysis/coverage-summary';
import type { IndexedPoint } from '../points/indexed-point';
import { label, type Lang, STATUS_ZH } from './lang';
import { type WorkbookSheet, xlsxWorkbook } from './xlsx-workbook';

/** The options of `coverageWorkbook`. */
interface CoverageWorkbookOptions {
  villages?: readonly IndexedPoint[];
  facilities?: readonly IndexedPoint[];
  lang?: Lang;
}
const COVERAGE_WORKBOOK_KEYS = {
  villages: true,
  facilities: true,
  lang: true,
} satisfies OptionKeys<CoverageWorkbookOptions>;

const HEAD = {
  en: {
    village: [
      'id',
      'name',
      'group',
      'population',
      'status',
      'minutes',
      'meters',
      'facility',
      'facility name',
      'reason',
      'lon',
      'lat',
    ],
    group: [
      'standard',
      'group',
      'villages',
      'villages within',
      'population',
      'population within',
      'share within',
    ],
    notCovered: 'not covered',
    byGroup: 'by group',
    standard: 'standard',
    standards: 'standards',
    standardHead: ['sheet', 'standard', 'source'],
  },
  zh: {
    village: [
      '编号',
      '名称',
      '分组',
      '人口',
      '状态',
      '时间(分钟)',
      '距离(米)',
      '最近设施',
      '设施名称',
      '原因',
      '经度',
      '纬度',
    ],
    group: ['标准', '乡镇/分组', '村庄数', '达标村庄数', '人口', '达标人口', '达标人口比例'],
    notCovered: '未覆盖村庄',
    byGroup: '分乡镇汇总',
    standard: '标准',
    standards: '标准说明',
    standardHead: ['工作表', '标准', '依据'],
  },
};

const round = (x: number | null, k = 10) =>
  x === null || !Number.isFinite(x) ? null : Math.round(x * k) / k;

/**
 * An Excel workbook of coverage results for people who read spreadsheets: a first sheet naming
 * each standard and the plan it comes from, then one sheet per standard
 * (every village: name, group, population, status, time, distance, nearest facility and its name,
 * the reason), a sheet per group summary (township by township, every standard), and a sheet of
 * the villages not covered, farthest first. Headers and statuses in Chinese with `lang: 'zh'`,
 * standards named as the plans name them.
 *
 * @param results - One `coverage` result per standard (the same villages each time).
 * @param options - `villages` as read (for names), `facilities` (for facility names), `lang`.
 * @returns The `.xlsx` file's bytes.
 * @example
 * writeFileSync('coverage.xlsx', coverageWorkbook([result], { villages, facilities, lang: 'zh' }));
 */
export function coverageWorkbook(
  results: readonly CoverageResult[],
  options: CoverageWorkbookOptions = {},
): Uint8Array {
  options = optionsObject(options, 'coverageWorkbook', COVERAGE_WORKBOOK_KEYS);
  const lang = options.lang ?? 'en';
  const h = HEAD[lang];
  const facilityName = new Map<string, unknown>();
  for (const f of options.facilities ?? []) facilityName.set(String(f.id), f.properties?.name);
  const nameOf = (v: VillageCoverage) => options.villages?.[v.index]?.properties?.name ?? null;
  const title = (r: CoverageResult) =>
    lang === 'zh' && r.standard.zh ? r.standard.zh.title : r.standard.title;
  const row = (v: VillageCoverage) => [
    v.id,
    nameOf(v),
    v.group,
    v.population,
    label(lang, STATUS_ZH, v.status),
    round(v.minutes),
    round(v.meters, 1),
    v.facility,
    v.facility === null ? null : (facilityName.get(String(v.facility)) ?? null),
    v.reason,
    v.lon,
    v.lat,
  ];
  const source = (r: CoverageResult) =>
    lang === 'zh' && r.standard.zh ? r.standard.zh.source : r.standard.source;
  const sheets: WorkbookSheet[] = [
    {
      name: h.standards,
      rows: [h.standardHead, ...results.map((r) => [r.standard.id, title(r), source(r)])],
    },
    ...results.map((r) => ({ name: r.standard.id, rows: [h.village, ...r.villages.map(row)] })),
  ];
  const groupRows: unknown[][] = [];
  for (const r of results) {
    for (const [g, b] of Object.entries(r.summary.groups ?? {})) {
      const t = standardThreshold(b, r.standard);
      groupRows.push([
        title(r),
        g,
        b.villages,
        t?.within.villages ?? null,
        b.population,
        t?.within.population ?? null,
        round(t?.shareOfPopulationWithin ?? null, 1000),
      ]);
    }
  }
  if (groupRows.length) sheets.push({ name: h.byGroup, rows: [h.group, ...groupRows] });
  const missing: unknown[][] = [];
  for (const r of results)
    for (const v of r.villages) if (v.status !== 'covered') missing.push([title(r), ...row(v)]);
  sheets.push({ name: h.notCovered, rows: [[h.standard, ...h.village], ...missing] });
  return xlsxWorkbook(sheets);
}
