import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, LineString } from 'geojson';
import { catchments } from '../analysis/catchments';
import type { CoverageResult } from '../analysis/coverage';
import { coverage } from '../analysis/coverage';
import { standardThreshold } from '../analysis/coverage-summary';
import { coverageGeoJson, outsideCsv } from '../report/coverage-output';
import { facilityCategories } from '../points/facility-categories';
import { isochrones } from '../analysis/isochrone';
import { coveredBy, maximalCovering } from '../analysis/siting';
import { STANDARDS } from '../analysis/standards';
import { villagePopulation } from '../points/village-population';
import { InputError } from '../errors';
import { readPointsFromGeoJson } from '../points/read-points';
import { buildNetworkFromGeoJson } from '../network/build';
import type { RoadNetwork } from '../network/road-network';
import { type ReportBandSet, reportHtml } from '../report/report-html';
import { placePoints } from '../search/placed-points';
import { pointCoords } from '../points/indexed-point';
import { type CommandRun, defineCommand } from './command';
import { OUTPUT_FORMAT_OPTIONS, outputOptions } from './option-groups';
import { type Lang, pad, parseLang } from '../report/lang';
import { coverageShapefile } from '../report/shapefile-coverage';
import { shapefileEncodingOption } from './output-crs';
import { needsOption } from './needs-option';
import { coverageWorkbook } from '../report/xlsx-coverage';
import { stringOption } from './option-spec';
import { demoTours } from './demo-tours';
import { UsageError } from './usage-error';
import { type FileData, writeDirectoryAtomic } from '../node/files';

const OUTPUT = outputOptions(['<dir>', 'output folder (default servicereach-demo)']);

const OPTIONS = {
  ...OUTPUT,
  out: { ...OUTPUT.out, default: 'servicereach-demo' },
  data: stringOption('<dir>', 'another county folder with roads/villages/facilities.geojson'),
  ...OUTPUT_FORMAT_OPTIONS,
};

/** One isochrone band of the demo's summary: its file, minutes, area and who lives inside. */
interface DemoBand {
  file: string;
  minutes: number;
  areaKm2: number;
  villages: number;
  population: number;
}

/** `servicereach demo`: the full workflow on the sample county. */
export const demoCommand = defineCommand({
  name: 'demo',
  summary: 'the whole workflow on the bundled synthetic county',
  usage:
    '[--out dir] [--data dir] [--lang zh] [--xlsx] [--shapefile [--shapefile-encoding gbk]] [--bom] [--json] [--quiet]',
  description: `The whole workflow on the bundled synthetic county (data/county: roads, villages, facilities —
invented, see data/README.md): build the walk and car networks, coverage for every preset
standard by township, isochrones of the township health centres (30/60/90 min by car) and of the
elderly-care centres (5/10/15 min on foot). Prints a summary table and writes, under --out
(default ./servicereach-demo): coverage-<standard>/{villages.geojson,outside.csv,summary.json},
isochrones-health-car.geojson, isochrones-elderly-walk.geojson, sites-elderly-walk.geojson (three
suggested elderly-care centres, maximal covering), tours.geojson and schedule.csv (mobile-service
tours from the township health centres for the villages still outside the 1.5-hour rural circle:
8 h days, 45 min a village, each village once a week; off-road villages are reached on foot from
the nearest road), summary.json and report.html (one self-contained page: a map and the tables).`,
  options: OPTIONS,
  examples: [
    'servicereach demo                       # writes ./servicereach-demo/ (open report.html)',
    'servicereach demo --out /tmp/county --json',
    'servicereach demo --lang zh --xlsx      # 中文表格，另写 coverage.xlsx',
    'npx tsx data/generate-county.ts 7 4 /tmp/big && servicereach demo --data /tmp/big --out /tmp/big-demo',
  ],
  run: runDemo,
});

/** Where the bundled county is: beside dist/ in the package, or data/ in a clone. */
function defaultDataDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const c of [resolve(here, '../data/county'), resolve(here, '../../data/county')])
    if (existsSync(join(c, 'roads.geojson'))) return c;
  throw new InputError(
    'missing-file',
    `the sample county is not installed next to ${here} (expected data/county/roads.geojson)`,
  );
}

async function runDemo({ values, io }: CommandRun<typeof OPTIONS>): Promise<number> {
  if (!values.out) throw new UsageError('--out needs a folder', 'demo');
  needsOption(values, ['shapefile-encoding'], 'shapefile', 'add --shapefile', 'demo');
  const lang = parseLang(values.lang);
  const dataDir = values.data ?? defaultDataDir();
  const read = (name: string) => {
    const path = join(dataDir, `${name}.geojson`);
    if (!existsSync(path)) throw new InputError('missing-file', `no ${name}.geojson in ${dataDir}`);
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  };
  const t0 = performance.now();
  const roads = read('roads');
  const villages = readPointsFromGeoJson(read('villages'), { source: 'villages.geojson' });
  const facilities = readPointsFromGeoJson(read('facilities'), { source: 'facilities.geojson' });
  const nets: Record<string, RoadNetwork> = {
    walk: buildNetworkFromGeoJson(roads as Parameters<typeof buildNetworkFromGeoJson>[0], {
      profile: 'walk',
    }),
    car: buildNetworkFromGeoJson(roads as Parameters<typeof buildNetworkFromGeoJson>[0], {
      profile: 'car',
    }),
  };
  const out = values.out;
  const files: [string, FileData][] = [];
  const rows: Record<string, unknown>[] = [];
  const results: CoverageResult[] = [];
  for (const standard of STANDARDS) {
    const r = coverage(nets[standard.profile], villages, facilities, {
      standard,
      groupBy: 'township',
    });
    results.push(r);
    const dir = `coverage-${standard.id}`;
    files.push([`${dir}/villages.geojson`, JSON.stringify(coverageGeoJson(r, villages))]);
    files.push([
      `${dir}/outside.csv`,
      `${values.bom ? '\ufeff' : ''}${outsideCsv(r, { lang, villages })}`,
    ]);
    if (values.shapefile)
      files.push([
        `${dir}/villages-shp.zip`,
        coverageShapefile(r, {
          villages,
          lang,
          name: 'villages',
          encoding: shapefileEncodingOption(values['shapefile-encoding'], 'demo'),
        }),
      ]);
    files.push([
      `${dir}/summary.json`,
      `${JSON.stringify({ standard, thresholdsMinutes: r.thresholdsMinutes, thresholdsMeters: r.thresholdsMeters, summary: r.summary, warnings: r.warnings }, null, 2)}\n`,
    ]);
    const s = r.summary.all;
    rows.push({
      standard: lang === 'zh' ? (standard.zh?.title ?? standard.id) : standard.id,
      threshold:
        standard.thresholdMinutes !== undefined
          ? `${standard.thresholdMinutes}${lang === 'zh' ? ' 分钟' : ' min'}`
          : `${standard.thresholdMeters}${lang === 'zh' ? ' 米' : ' m'}`,
      covered: s.status.covered.villages,
      outside: s.status.outside.villages,
      unreachable: s.status.unreachable.villages,
      offNetwork: s.status['off-network'].villages,
      populationCovered: s.status.covered.population,
      shareOfPopulation: standardThreshold(s, standard)?.shareOfPopulationWithin ?? null,
      weightedMeanMinutes: s.weightedMeanMinutes,
      weightedMeanMeters: s.weightedMeanMeters,
    });
  }
  const pick = (category: string, name: RegExp) =>
    facilities.filter(
      (f) =>
        facilityCategories(f).includes(category) &&
        // the sample county's names are Chinese, its English ones kept as name_en
        name.test(String(f.properties?.name_en ?? f.properties?.name ?? '')),
    );
  const iso: [string, RoadNetwork, number[], ReturnType<typeof pick>][] = [
    [
      'isochrones-health-car.geojson',
      nets.car,
      [30, 60, 90],
      pick('health', /township health centre|hospital/i),
    ],
    ['isochrones-elderly-walk.geojson', nets.walk, [5, 10, 15], pick('elderly-care', /centre/i)],
  ];
  const bands: DemoBand[] = [];
  const bandSets: ReportBandSet[] = [];
  for (const [file, net, minutes, from] of iso) {
    const fc = isochrones(net, pointCoords(from), { minutes, villages, cellM: 100 });
    bandSets.push(
      file.includes('health')
        ? {
            label: lang === 'zh' ? '乡镇卫生院（驾车）' : 'Health centres by car',
            bands: fc,
            standards: ['rural-basic-90min'],
          }
        : {
            label: lang === 'zh' ? '养老服务设施（步行）' : 'Elderly-care centres on foot',
            bands: fc,
            standards: ['elderly-care-15min', 'community-15min'],
          },
    );
    files.push([file, JSON.stringify(fc)]);
    for (const f of fc.features)
      bands.push({
        file,
        minutes: f.properties.minutes,
        areaKm2: f.properties.areaKm2,
        // counted: the villages are given to isochrones
        villages: f.properties.villages ?? 0,
        population: f.properties.population ?? 0,
      });
  }
  const summary = {
    data: dataDir,
    villages: villages.length,
    facilities: facilities.length,
    networks: Object.fromEntries(
      Object.entries(nets).map(([k, n]) => [k, { nodes: n.nodeCount, edges: n.edgeCount }]),
    ),
    coverage: rows,
    isochrones: bands,
    seconds: Math.round((performance.now() - t0) / 100) / 10,
  };
  // Suggested sites: three elderly-care centres that bring the most people within a 15-minute walk.
  const walkPlaced = placePoints(nets.walk, pointCoords(villages));
  const care = facilities.filter((f) => facilityCategories(f).includes('elderly-care'));
  const careCatchments = catchments(nets.walk, walkPlaced, pointCoords(care), { maxSeconds: 900 });
  const siting = maximalCovering(
    catchments(nets.walk, walkPlaced, walkPlaced, { maxSeconds: 900 }),
    villages.map((v, i) => villagePopulation(v, i, 'population') ?? 0),
    {
      p: 3,
      covered: coveredBy(
        careCatchments,
        care.map((_, i) => i),
      ),
    },
  );
  const sites = siting.sites.map((s, i) => ({
    lon: villages[s].lon,
    lat: villages[s].lat,
    label: `${villages[s].properties?.name ?? villages[s].id} (${villages[s].id})`,
    detail: `+${siting.gains[i]} people within a 15-minute walk of elderly care`,
  }));
  files.push([
    'sites-elderly-walk.geojson',
    JSON.stringify({
      type: 'FeatureCollection',
      features: sites.map((x, i) => ({
        type: 'Feature',
        properties: {
          rank: i + 1,
          site: x.label,
          adds: siting.gains[i],
          'marker-color': '#7b3294',
        },
        geometry: { type: 'Point', coordinates: [x.lon, x.lat] },
      })),
    }),
  ]);
  Object.assign(summary, {
    suggestedElderlyCareSites: sites.map((x, i) => ({
      rank: i + 1,
      site: x.label,
      populationAdded: siting.gains[i],
    })),
  });
  const tours = demoMobileTours(nets.car, villages, facilities, results, lang);
  Object.assign(summary, { mobileTours: tours.summary });
  for (const f of tours.files) files.push(f);
  files.push(['summary.json', `${JSON.stringify(summary, null, 2)}\n`]);
  // The map shows the 1.5-hour rural standard first (the county-wide view), then every table.
  const first = results.findIndex((r) => r.standard.id === 'rural-basic-90min');
  const ordered = first > 0 ? [results[first], ...results.filter((_, i) => i !== first)] : results;
  const html = reportHtml({
    title:
      lang === 'zh'
        ? 'servicereach 示例：虚构山区县公共服务可达性'
        : 'servicereach demo: synthetic mountainous county',
    subtitle:
      lang === 'zh'
        ? `${values.data ? `数据：${dataDir}` : '虚构数据（data/county，种子 1）'}。村庄 ${villages.length} 个，设施 ${facilities.length} 处。`
        : `${values.data ? `Data from ${dataDir}` : 'Invented data (data/county, seed 1)'}. ${villages.length} villages, ${facilities.length} facilities.`,
    roads: roads as FeatureCollection<LineString>,
    facilities,
    coverage: ordered,
    villages,
    bandSets,
    networks: nets,
    sites,
    sitesTitle:
      lang === 'zh'
        ? '建议新增养老服务设施（步行15分钟，最大覆盖选址）'
        : 'Suggested elderly-care centres (15-minute walk, maximal covering)',
    tours: tours.report,
    lang,
  });
  files.push(['report.html', html]);
  if (values.xlsx)
    files.push(['coverage.xlsx', coverageWorkbook(results, { villages, facilities, lang })]);
  writeDirectoryAtomic(out, files);
  if (values.json) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else if (!values.quiet) {
    const pct = (x: unknown) => (typeof x === 'number' ? `${(100 * x).toFixed(1)}%` : '—');
    if (lang === 'zh') {
      io.stdout.write(
        `${demoTableZh(rows, sites, bands, villages.length, facilities.length, out, summary.seconds, tours.lines.join('\n'))}\n`,
      );
      return 0;
    }
    const lines = [
      `servicereach demo: synthetic county, ${villages.length} villages, ${facilities.length} facilities (walk ${nets.walk.nodeCount} nodes, car ${nets.car.nodeCount} nodes)`,
      '',
      `  ${'standard'.padEnd(22)}${'threshold'.padStart(10)}${'covered'.padStart(9)}${'outside'.padStart(9)}${'unreach.'.padStart(9)}${'off-net'.padStart(9)}${'people in'.padStart(11)}`,
      ...rows.map(
        (r) =>
          `  ${String(r.standard).padEnd(22)}${String(r.threshold).padStart(10)}${String(r.covered).padStart(9)}${String(r.outside).padStart(9)}${String(r.unreachable).padStart(9)}${String(r.offNetwork).padStart(9)}${pct(r.shareOfPopulation).padStart(11)}`,
      ),
      '',
      ...sites.map((x, i) => `  suggested elderly-care site ${i + 1}: ${x.label}, ${x.detail}`),
      '',
      ...tours.lines,
      '',
      ...bands.map(
        (b) =>
          `  ${String(b.file).padEnd(34)}${String(b.minutes).padStart(4)} min ${b.areaKm2.toFixed(2).padStart(9)} km²  ${b.villages} villages, ${b.population.toLocaleString('en-US')} people`,
      ),
      '',
      `  written to ${out}/ in ${summary.seconds} s`,
    ];
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  return 0;
}

/** The demo's table in Chinese: standards by their Chinese names, CJK-width columns; `tours` the tour lines. */
function demoTableZh(
  rows: Record<string, unknown>[],
  sites: { label: string }[],
  bands: DemoBand[],
  villageCount: number,
  facilityCount: number,
  out: string,
  seconds: number,
  tours: string,
): string {
  const pct = (x: unknown) => (typeof x === 'number' ? `${(100 * x).toFixed(1)}%` : '—');
  const cols: [string, number][] = [
    ['门槛', 10],
    ['覆盖', 7],
    ['超出', 7],
    ['不可达', 8],
    ['远离路网', 10],
    ['人口覆盖率', 12],
  ];
  return [
    `servicereach 示例：虚构山区县，村庄 ${villageCount} 个，设施 ${facilityCount} 处`,
    '',
    `  ${pad('标准', 40)}${cols.map(([h, w]) => pad(h, w, 'start')).join('')}`,
    ...rows.map(
      (r) =>
        `  ${pad(String(r.standard), 40)}${[
          r.threshold,
          r.covered,
          r.outside,
          r.unreachable,
          r.offNetwork,
        ]
          .map((v, i) => pad(String(v), cols[i][1], 'start'))
          .join('')}${pad(pct(r.shareOfPopulation), 12, 'start')}`,
    ),
    '',
    '  覆盖、超出、不可达、远离路网为村庄个数',
    '',
    // The label's "name (id)" with Chinese brackets.
    ...sites.map(
      (x, i) => `  建议新增养老服务设施 ${i + 1}：${x.label.replace(/ \(([^()]*)\)$/, '（$1）')}`,
    ),
    '',
    tours,
    '',
    ...bands.map(
      (b) =>
        `  ${pad(String(b.file), 34)}${String(b.minutes).padStart(4)} 分钟 ${b.areaKm2.toFixed(2).padStart(9)} 平方公里  村庄 ${b.villages} 个，人口 ${b.population.toLocaleString('en-US')}`,
    ),
    '',
    `  已写出到 ${out}/，用时 ${seconds} 秒`,
  ].join('\n');
}

/** Mobile tours for the villages still outside the 1.5-hour rural circle (see demo-tours.ts). */
function demoMobileTours(
  car: RoadNetwork,
  villages: ReturnType<typeof readPointsFromGeoJson>,
  facilities: ReturnType<typeof readPointsFromGeoJson>,
  results: CoverageResult[],
  lang: Lang,
) {
  const rural = results.find((r) => r.standard.id === 'rural-basic-90min') ?? results[0];
  return demoTours(car, villages, facilities, rural, lang);
}
