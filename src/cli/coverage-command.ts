import { type FileData, writeDirectoryAtomic } from '../node/files';
import { type CoverageResult, coverage } from '../analysis/coverage';
import { coverageFeature, outsideCsv } from '../report/coverage-output';
import type { IndexedPoint } from '../points/indexed-point';
import { type CoverageBlock, standardThreshold } from '../analysis/coverage-summary';
import { CATEGORY_TAGS } from '../points/facility-categories';
import { type ServiceStandard, standardById } from '../analysis/standards';
import { InputError } from '../errors';
import { loadNetwork, sniffRoadFile } from '../node/load-network';
import { readCommandPoints } from './read-command-points';
import { reportHtml } from '../report/report-html';
import { coverageWarningsZh } from '../report/coverage-reason-zh';
import { type CommandRun, defineCommand } from './command';
import {
  CATEGORY_COLUMN_OPTIONS,
  inputCrsOptions,
  elevationOption,
  networkOptions,
  OUTPUT_FORMAT_OPTIONS,
  outputOptions,
  POINT_COLUMN_OPTIONS,
  pointsOptions,
} from './option-groups';
import { stringOption } from './option-spec';
import {
  directionOption,
  listOption,
  minutesListOption,
  numberOption,
  pointFileOptions,
  profileOption,
  readFor,
} from './options';
import { shiftInputs, warnCrsShift } from './crs-shift-warning';
import { featureChunksIn, OUT_CRS_OPTION, outputCrs, shapefileEncodingOption } from './output-crs';
import { coverageShapefile } from '../report/shapefile-coverage';
import { coverageWorkbook } from '../report/xlsx-coverage';
import {
  CATEGORY_ZH,
  label,
  type Lang,
  PROFILE_ZH,
  pad,
  parseLang,
  STATUS_ZH,
} from '../report/lang';
import {
  checkPopulationField,
  checkVillageProperty,
  POPULATION_TABLE_OPTION,
  withPopulationTable,
} from './population-option';
import { commandProgress } from './progress';
import { bothTerminals, warn } from './io';
import { UsageError } from './usage-error';
import { needsOption } from './needs-option';

const OPTIONS = {
  ...networkOptions({ profile: 'without a standard (default car; a saved .srn keeps its own)' }),
  elevation: elevationOption(),
  ...pointsOptions({
    category: 'without a standard: facility categories that count (default: all)',
  }),
  standard: stringOption(
    '<id>',
    `a preset (servicereach standards lists them); its profile, threshold
and facility categories apply; --minutes adds thresholds to report`,
  ),
  minutes: stringOption(
    '<m[,m…]>',
    'thresholds in minutes without a standard; the first sets the status',
  ),
  require: stringOption(
    'any|all',
    'without a standard: one of the categories (default) or each of them',
  ),
  'group-by': stringOption(
    '<property>',
    'summarise by this village property (township, district, urban…)',
  ),
  ...POPULATION_TABLE_OPTION,
  'default-population': stringOption(
    '<n>',
    'population of villages that have none (default: counted as unknown)',
  ),
  direction: {
    ...stringOption('to|from', 'village → facility (default) or facility → village (outreach)'),
    default: 'to',
  },
  ...POINT_COLUMN_OPTIONS,
  ...inputCrsOptions('network', 'villages', 'facilities'),
  ...CATEGORY_COLUMN_OPTIONS,
  ...OUTPUT_FORMAT_OPTIONS,
  ...OUT_CRS_OPTION,
  ...outputOptions(
    [
      '<dir>',
      `write villages.geojson, outside.csv, summary.json and report.html
(a self-contained page: map and tables) there`,
    ],
    { json: 'print the summary as JSON instead of the table' },
  ),
};

/** `servicereach coverage`: villages inside and outside a service circle. */
export const coverageCommand = defineCommand({
  name: 'coverage',
  summary: 'villages inside / outside a service circle, population and reasons',
  usage: `--network <roads|.srn> --villages <file> --facilities <file>
(--standard <id> | --minutes 15[,30…] [--profile walk|car|bicycle]) [options]`,
  description: `Which villages lie inside a service circle, how many people live there, and why the others
do not: covered, outside (beyond the threshold), unreachable (no road path: another part of the
network, one-way roads, or no facility of a required kind) or off-network (too far from a road).
Villages and facilities are GeoJSON (points; polygons use a point on them), CSV with lon/lat, or
an OSM extract (villages: place=city…isolated_dwelling; facilities: those of the standard's or
--category's categories, as servicereach extract reads them).`,
  options: OPTIONS,
  notes: `Facility categories come from the "category" property/column (several separated by ; or ,) or,
when it is missing, from OSM tags among the properties (amenity, healthcare, social_facility…).`,
  examples: [
    `servicereach coverage --network county.osm.pbf --villages villages.geojson \\
  --facilities facilities.geojson --standard elderly-care-15min --group-by township --out out/`,
    `servicereach coverage --network roads.srn --villages villages.csv --facilities clinics.geojson \\
  --minutes 15,30,60,90 --profile car --category health --json`,
  ],
  run: runCoverage,
});

async function runCoverage({ values, io }: CommandRun<typeof OPTIONS>): Promise<number> {
  for (const k of ['network', 'villages', 'facilities'] as const)
    if (!values[k]) throw new UsageError(`missing --${k}`, 'coverage', `缺少 --${k}`);
  if (!values.standard && !values.minutes)
    throw new UsageError('give --standard <id> or --minutes <m[,m…]>', 'coverage');
  let profile = profileOption(values.profile, 'coverage');
  const standard = values.standard ? standardById(values.standard) : undefined;
  if (standard) {
    if (profile && profile !== standard.profile)
      throw new UsageError(
        `--profile ${profile} contradicts standard ${standard.id}, which is measured with ${standard.profile}`,
        'coverage',
      );
    if (values.category || values.require)
      throw new UsageError(
        '--category and --require come from the standard; leave them out with --standard',
        'coverage',
      );
    profile = standard.profile as typeof profile;
  }
  const minutes =
    values.minutes === undefined ? undefined : minutesListOption(values.minutes, 'coverage');
  if (standard && minutes && standard.thresholdMinutes === undefined)
    throw new UsageError(
      `standard ${standard.id} is measured in metres; --minutes does not apply`,
      'coverage',
    );
  if (values.require && values.require !== 'any' && values.require !== 'all')
    throw new UsageError(`--require must be any or all, got "${values.require}"`, 'coverage');
  // Without a folder to write, these shaped nothing and the table said nothing of it.
  needsOption(
    values,
    ['xlsx', 'shapefile', 'bom', 'out-crs'],
    'out',
    'it shapes the files written to a folder; add --out <dir>',
    'coverage',
  );
  needsOption(values, ['shapefile-encoding'], 'shapefile', 'add --shapefile', 'coverage');
  const direction = directionOption(values.direction, 'coverage');
  const lang = parseLang(values.lang);
  const outCrs = outputCrs(values, { flag: 'villages', path: values.villages });
  const shapefileEncoding = shapefileEncodingOption(values['shapefile-encoding'], 'coverage');

  const read = pointFileOptions(values);
  // OSM files: settlements are the villages; facilities are those of the categories in question.
  const categories = listOption(values.category);
  const wanted = standard?.categories.length
    ? standard.categories
    : categories?.length
      ? categories
      : Object.keys(CATEGORY_TAGS);
  const progress = commandProgress(values, io, lang);
  const context = { read, progress, io, quiet: values.quiet, lang };
  const villagesRead = await readCommandPoints(
    values.villages!,
    { places: true },
    { ...context, read: readFor(read, values, 'villages') },
  );
  const facilities = await readCommandPoints(
    values.facilities!,
    { facilities: wanted },
    { ...context, read: readFor(read, values, 'facilities') },
  );
  progress.done();
  const villages = withPopulationTable(villagesRead, values, io);
  checkPopulationField(villages, values, values.villages!);
  checkVillageProperty(villages, values['group-by'], 'group-by', values.villages!);
  if (villages.length === 0)
    throw new InputError('no-villages', `${values.villages} holds no villages`, {
      zh: `${values.villages} 中没有村庄`,
    });
  const net = await loadNetwork(values.network!, {
    elevation: values.elevation,
    profile,
    crs: readFor(read, values, 'network').crs,
    encoding: read.encoding,
    onProgress: (a, b) => progress.update(progress.text.readingRoads, a, b),
  });
  progress.done();
  // Points scraped from Amap/Baidu without --crs: say so before they snap onto wrong roads.
  warnCrsShift(net, shiftInputs(values, read, { villages, facilities }), {
    io,
    quiet: values.quiet,
    lang,
  });
  progress.stage(progress.text.snapping(villages.length));
  const result = coverage(net, villages, facilities, {
    standard,
    thresholdsMinutes: minutes,
    categories: standard ? undefined : categories,
    require: standard ? undefined : (values.require as 'any' | 'all' | undefined),
    groupBy: values['group-by'],
    populationField: values['population-field'],
    defaultPopulation: numberOption('default-population', values['default-population'], 'coverage'),
    direction,
    maxSnapDistanceM: numberOption('max-snap', values['max-snap'], 'coverage'),
  });
  const summaryJson = {
    standard: result.standard,
    thresholdsMinutes: result.thresholdsMinutes,
    thresholdsMeters: result.thresholdsMeters,
    network: {
      file: values.network,
      profile: net.meta.profile,
      nodes: net.nodeCount,
      edges: net.edgeCount,
    },
    villages: villages.length,
    facilities: facilities.length,
    summary: result.summary,
    warnings: result.warnings,
  };
  let written: string[] = [];
  if (values.out) {
    const files: [string, FileData][] = [
      // Streamed, a chunk of features at a time: a million villages pass V8's 512 MB string limit.
      ['villages.geojson', featureChunksIn(coverageFeatures(result, villages), outCrs)],
      [
        'outside.csv',
        `${values.bom ? '\ufeff' : ''}${outsideCsv(result, { crs: outCrs, lang, villages })}`,
      ],
      ['summary.json', `${JSON.stringify(summaryJson, null, 2)}\n`],
      [
        'report.html',
        reportHtml({
          title:
            lang === 'zh'
              ? `覆盖分析：${result.standard.zh?.title ?? result.standard.title}`
              : `Coverage: ${result.standard.title}`,
          subtitle: `${values.villages} · ${values.facilities} · ${
            lang === 'zh'
              ? `路网 ${values.network}（${label('zh', PROFILE_ZH, net.meta.profile)}）`
              : `network ${values.network} (${net.meta.profile})`
          } · ${new Date().toISOString().slice(0, 10)}`,
          roads: net,
          facilities,
          coverage: [result],
          villages,
          lang,
          osmAttribution: [values.network, values.villages, values.facilities].some((p) =>
            ['pbf', 'xml', 'xml.gz'].includes(sniffRoadFileSafe(p!)),
          ),
        }),
      ],
    ];
    if (values.xlsx)
      files.push(['coverage.xlsx', coverageWorkbook([result], { villages, facilities, lang })]);
    if (values.shapefile)
      files.push([
        'villages-shp.zip',
        coverageShapefile(result, {
          villages,
          lang,
          name: 'villages',
          crs: outCrs,
          encoding: shapefileEncoding,
          onUnencodable: (n) =>
            warn(
              io,
              lang === 'zh'
                ? `villages-shp.zip：${n} 个字符 GBK 无法表示，写为“?”`
                : `villages-shp.zip: ${n} characters GBK cannot hold are written as "?"`,
              lang,
            ),
        }),
      ]);
    progress.stage(progress.text.writing(values.out));
    written = writeDirectoryAtomic(values.out, files);
  }
  progress.done();
  // Warnings first (on stderr too, for when the table goes to a file): a missing required kind
  // makes every figure below meaningless. Both streams on one terminal: the table's copy alone.
  const table = !values.json && !values.quiet;
  if (!values.quiet && !(table && bothTerminals(io)))
    for (const w of lang === 'zh' ? coverageWarningsZh(result) : result.warnings) warn(io, w, lang);
  if (values.json) io.stdout.write(`${JSON.stringify(summaryJson, null, 2)}\n`);
  else if (table)
    io.stdout.write(
      `${coverageTable(result, net.meta.profile, facilities.length, written, lang)}\n`,
    );
  return 0;
}

function* coverageFeatures(result: CoverageResult, villages: IndexedPoint[]) {
  for (let i = 0; i < result.villages.length; i++) yield coverageFeature(result, i, villages);
}

function sniffRoadFileSafe(path: string): string {
  try {
    return sniffRoadFile(path);
  } catch {
    return 'other'; // CSV villages and the like
  }
}

const TABLE_TEXT = {
  en: {
    heading: (r: CoverageResult) => `coverage: ${r.standard.id} — ${r.standard.title}`,
    warning: 'WARNING: ',
    network: (profile: string, n: number, unknown: number, f: number) =>
      `${profile} network; ${n} villages (${unknown} without population), ${f} facilities`,
    cols: ['villages', 'population', 'share'],
    within: (x: number | null, u: string) => `within ${x}${u}`,
    outside: (x: number | undefined, u: string) => `outside ${x}${u}`,
    status: (k: string) => k,
    known: (a: number, b: number) =>
      `population known for ${a} of ${b} villages: population and shares count only those`,
    kinds: (req: string) => `each required kind alone (${req} are needed):`,
    kind: (c: string, x: number | undefined, u: string) => `${c} within ${x}${u}`,
    facilities: (n: number) => `(${n} facilities)`,
    mean: (m: string, p: string, n: number, timed: boolean) =>
      `population-weighted mean ${m}, 90th percentile ${p} (${n} villages with a ${timed ? 'time' : 'distance'} and a population)`,
    inequality: (g: string, t: string) => `inequality across them: Gini ${g}, Theil ${t}`,
    byGroup: (x: number | undefined, u: string) => `by group (within ${x}${u}):`,
    gap: (hi: string, hm: string, lo: string, lm: string, ratio: number | null) =>
      `longest mean ${hi} ${hm}, shortest ${lo} ${lm}${ratio ? ` (${ratio.toFixed(1)}×)` : ''}`,
    written: 'written: ',
    min: ' min',
    m: ' m',
  },
  zh: {
    heading: (r: CoverageResult) =>
      `覆盖分析：${r.standard.id === 'custom' ? '自定义' : r.standard.id} — ${r.standard.zh?.title ?? r.standard.title}`,
    warning: '警告：',
    network: (profile: string, n: number, unknown: number, f: number) =>
      `${label('zh', PROFILE_ZH, profile)}路网；村庄 ${n} 个（${unknown} 个无人口数据），设施 ${f} 处`,
    cols: ['村庄数', '人口', '占比'],
    within: (x: number | null, u: string) => `${x}${u}以内`,
    outside: (x: number | undefined, u: string) => `超出 ${x}${u}`,
    status: (k: string) => label('zh', STATUS_ZH, k),
    known: (a: number, b: number) => `${b} 个村庄中 ${a} 个有人口数据：人口与占比只计这些村庄`,
    kinds: (req: string) => `各类设施单独计算（需${req === 'all' ? '全部' : '任一'}达标）：`,
    kind: (c: string, x: number | undefined, u: string) =>
      `${label('zh', CATEGORY_ZH, c)} ${x}${u}以内`,
    facilities: (n: number) => `（${n} 处设施）`,
    mean: (m: string, p: string, n: number, timed: boolean) =>
      `人口加权平均${timed ? '时间' : '距离'} ${m}，90% 分位 ${p}（${n} 个有${timed ? '时间' : '距离'}和人口的村庄）`,
    inequality: (g: string, t: string) => `不均衡程度：基尼系数 ${g}，泰尔指数 ${t}`,
    byGroup: (x: number | undefined, u: string) => `分组（${x}${u}以内）：`,
    gap: (hi: string, hm: string, lo: string, lm: string, ratio: number | null) =>
      `平均时间最长：${hi} ${hm}，最短：${lo} ${lm}${ratio ? `（相差 ${ratio.toFixed(1)} 倍）` : ''}`,
    written: '已写出：',
    min: ' 分钟',
    m: ' 米',
  },
};

/**
 * The readable report: status and thresholds overall, then the first threshold per group.
 *
 * @param r - A `coverage` result.
 * @param profile - The network's profile name, for the heading.
 * @param facilityCount - How many facilities were read.
 * @param written - Files written, listed at the end.
 * @param lang - `en` (default) or `zh`: headings, labels and the standard's name in Chinese.
 * @returns The table as lines of text, without a trailing newline.
 *
 * @example
 * process.stdout.write(`${coverageTable(result, 'walk', facilities.length)}\n`);
 */
export function coverageTable(
  r: CoverageResult,
  profile: string,
  facilityCount: number,
  written: string[] = [],
  lang: Lang = 'en',
): string {
  const T = TABLE_TEXT[lang];
  const s = r.summary.all;
  const timed = r.standard.thresholdMinutes !== undefined;
  const u = timed ? T.min : T.m;
  const primary = timed ? r.standard.thresholdMinutes : r.standard.thresholdMeters;
  const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);
  const num = (x: number) => Math.round(x).toLocaleString('en-US');
  const share = (pop: number) => pct(s.population > 0 ? pop / s.population : null);
  const row = (label: string, villages: number, pop: number, sh: string) =>
    `  ${pad(label, 26)}${String(villages).padStart(9)}${num(pop).padStart(13)}${sh.padStart(9)}`;
  // Time standards report minutes, distance standards metres: what their thresholds count.
  const mean = (m: { weightedMeanMinutes: number | null; weightedMeanMeters: number | null }) =>
    timed ? fmtMinutes(m.weightedMeanMinutes, u) : fmtMeters(m.weightedMeanMeters, u);
  const p90 = timed ? fmtMinutes(s.weightedP90Minutes, u) : fmtMeters(s.weightedP90Meters, u);
  const known = s.populationKnown;
  const lines = [
    T.heading(r),
    ...(lang === 'zh' ? coverageWarningsZh(r) : r.warnings).map((w) => `  ${T.warning}${w}`),
    `  ${T.network(profile, s.villages, s.populationUnknownVillages, facilityCount)}`,
    `  ${''.padEnd(26)}${pad(T.cols[0], 9, 'start')}${pad(T.cols[1], 13, 'start')}${pad(T.cols[2], 9, 'start')}`,
    ...s.thresholds.map((t) =>
      row(
        T.within(t.minutes ?? t.meters, u),
        t.within.villages,
        t.within.population,
        pct(t.shareOfPopulationWithin),
      ),
    ),
    ...(['outside', 'unreachable', 'off-network'] as const).map((k) =>
      row(
        k === 'outside' ? T.outside(primary, u) : T.status(k),
        s.status[k].villages,
        s.status[k].population,
        share(s.status[k].population),
      ),
    ),
    `  ${T.known(known.villages, known.ofVillages)}`,
    ...byCategoryRows(r, u, row, pct, T),
    `  ${T.mean(mean(s), p90, s.weightedVillages, timed)}`,
    `  ${T.inequality(s.gini === null ? '—' : s.gini.toFixed(3), s.theil === null ? '—' : s.theil.toFixed(3))}`,
  ];
  if (r.summary.groups) {
    lines.push('', `  ${T.byGroup(primary, u)}`);
    for (const [g, b] of Object.entries(r.summary.groups))
      lines.push(groupRow(g, b, r.standard, num, pct));
    const gap = r.summary.gap;
    if (gap && gap.highest.group !== gap.lowest.group)
      lines.push(
        `  ${T.gap(gap.highest.group, mean(gap.highest), gap.lowest.group, mean(gap.lowest), gap.ratio)}`,
      );
  }
  if (written.length) lines.push('', `  ${T.written}${written.join(lang === 'zh' ? '、' : ', ')}`);
  return lines.join('\n');
}

/** Each required kind alone, at the standard's threshold (standards needing several kinds). */
function byCategoryRows(
  r: CoverageResult,
  u: string,
  row: (label: string, villages: number, pop: number, sh: string) => string,
  pct: (x: number | null) => string,
  T: (typeof TABLE_TEXT)[Lang],
): string[] {
  if (!r.summary.byCategory) return [];
  const primary = r.standard.thresholdMinutes ?? r.standard.thresholdMeters;
  const lines = [`  ${T.kinds(r.standard.require)}`];
  for (const k of r.summary.byCategory) {
    const t = k.thresholds.find((x) => (x.minutes ?? x.meters) === primary)!;
    lines.push(
      `${row(T.kind(k.category, primary, u), t.within.villages, t.within.population, pct(t.shareOfPopulationWithin))}  ${T.facilities(k.facilities)}`,
    );
  }
  return lines;
}

function groupRow(
  g: string,
  b: CoverageBlock,
  standard: ServiceStandard,
  num: (x: number) => string,
  pct: (x: number | null) => string,
): string {
  const t = standardThreshold(b, standard)!;
  return `  ${pad(g, 26)}${`${t.within.villages}/${b.villages}`.padStart(9)}${num(t.within.population).padStart(13)}${pct(t.shareOfPopulationWithin).padStart(9)}`;
}

function fmtMinutes(x: number | null, u = ' min'): string {
  return x === null ? '—' : `${x.toFixed(1)}${u}`;
}

function fmtMeters(x: number | null, u = ' m'): string {
  return x === null ? '—' : `${Math.round(x)}${u}`;
}
