import { catchments } from '../analysis/catchments';
import { CATEGORY_TAGS, facilityCategories } from '../points/facility-categories';
import { supplyDemand } from '../analysis/supply-demand';
import { type Decay, twoStepFca } from '../analysis/two-step-fca';
import { villagePopulation } from '../points/village-population';
import { InputError } from '../errors';
import { csvField } from '../report/csv-field';
import { loadNetwork } from '../node/load-network';
import { readCommandPoints } from './read-command-points';
import { nearestFacilities } from '../search/nearest-facilities';
import { placePoints } from '../search/placed-points';
import { pointCoords } from '../points/indexed-point';
import { type CommandRun, defineCommand } from './command';
import {
  inputCrsOptions,
  CATEGORY_COLUMN_OPTIONS,
  elevationOption,
  LANG_OPTION,
  networkOptions,
  outputOptions,
  POINT_COLUMN_OPTIONS,
  pointsOptions,
} from './option-groups';
import { stringOption } from './option-spec';
import { readFor, listOption, numberOption, pointFileOptions, profileOption } from './options';
import { commandProgress } from './progress';
import { lineChunks } from './text-chunks';
import { UsageError } from './usage-error';
import { checkPopulationField } from './population-option';
import { needsOption } from './needs-option';
import { writeFileAtomic } from '../node/files';
import { categoriesZh, parseLang } from '../report/lang';
import { ACCESS_TEXT, pointName } from './command-text';
import { shiftInputs, warnCrsShift } from './crs-shift-warning';

const OPTIONS = {
  ...networkOptions({ profile: '(default car; a saved .srn keeps its own)' }),
  elevation: elevationOption(),
  ...pointsOptions({
    category: 'facilities of these categories only (default: all)',
    'population-field': `(default "population"; villages without one count as 0 residents
of demand and are flagged in the output)`,
    'max-snap': '(default 1000)',
  }),
  'capacity-field': stringOption(
    '<name>',
    'facility property/column with its capacity (beds, seats…)',
  ),
  minutes: stringOption('<m>', 'the catchment: travel time within which a trip counts'),
  method: {
    ...stringOption(
      '2sfca|e2sfca|gaussian',
      `2sfca: every trip within --minutes counts fully (default);
e2sfca: thirds of --minutes weigh 1, 0.68, 0.22 (Luo & Qi 2009);
gaussian: weight falls smoothly to 0 at --minutes (Dai 2010)`,
    ),
    default: '2sfca',
  },
  ...POINT_COLUMN_OPTIONS,
  ...inputCrsOptions('network', 'villages', 'facilities'),
  ...CATEGORY_COLUMN_OPTIONS,
  ...LANG_OPTION,
  ...outputOptions(
    [
      '<file.csv>',
      `village,score_per_1000,population,facilities_within,note
(default stdout)`,
    ],
    { json: 'print a summary as JSON', quiet: 'no summary' },
  ),
  'facility-out': stringOption(
    '<file.csv>',
    `per facility: capacity, population assigned (nearest) and within
reach, capacity per 1,000 assigned residents, shortfall`,
  ),
  'standard-per-1000': stringOption(
    '<n>',
    'the standard the shortfall is measured against (e.g. 1.5 beds)',
  ),
};

/** `servicereach access`: 2SFCA scores per village. */
export const accessCommand = defineCommand({
  name: 'access',
  summary: 'capacity per 1,000 residents within reach (2SFCA, enhanced, Gaussian)',
  usage: `--network <roads|.srn> --villages <file> --facilities <file>
--capacity-field <name> --minutes <m> [--method 2sfca|e2sfca|gaussian] [options]`,
  description: `Two-step floating catchment accessibility: for every village, the capacity (beds, school seats,
nursery places…) per resident within reach, sharing each facility's capacity among everyone
within its catchment. Scores are written per 1,000 residents.`,
  options: OPTIONS,
  examples: [
    `servicereach access --network county.osm.pbf --villages villages.geojson --facilities health.geojson \\
  --capacity-field beds --minutes 30 --method gaussian --out beds-per-1000.csv`,
  ],
  run: runAccess,
});

async function runAccess({ values, io }: CommandRun<typeof OPTIONS>): Promise<number> {
  for (const k of ['network', 'villages', 'facilities', 'capacity-field', 'minutes'] as const)
    if (!values[k]) throw new UsageError(`missing --${k}`, 'access', `缺少 --${k}`);
  const minutes = Number(values.minutes);
  if (!(minutes > 0 && Number.isFinite(minutes)))
    throw new UsageError(`--minutes must be a number > 0, got "${values.minutes}"`, 'access');
  const t0 = minutes * 60;
  needsOption(
    values,
    ['standard-per-1000'],
    'facility-out',
    'the shortfall against it is a column of the per-facility table; add --facility-out <file.csv>',
    'access',
  );
  const std = numberOption('standard-per-1000', values['standard-per-1000'], 'access');
  const decays: Record<string, Decay> = {
    '2sfca': { kind: 'step' },
    e2sfca: {
      kind: 'zones',
      zones: [
        { upToS: t0 / 3, weight: 1 },
        { upToS: (2 * t0) / 3, weight: 0.68 },
        { upToS: t0, weight: 0.22 },
      ],
    },
    gaussian: { kind: 'gaussian' },
  };
  const decay = decays[values.method!];
  if (!decay)
    throw new UsageError(
      `--method must be 2sfca, e2sfca or gaussian, got "${values.method}"`,
      'access',
    );
  const maxSnap = numberOption('max-snap', values['max-snap'], 'access');
  const profile = profileOption(values.profile, 'access');
  const categories = listOption(values.category);
  const lang = parseLang(values.lang);
  const T = ACCESS_TEXT[lang];
  const read = pointFileOptions(values);
  const progress = commandProgress(values, io, lang);
  const context = { read, progress, io, quiet: values.quiet, lang };
  const villages = await readCommandPoints(
    values.villages!,
    { places: true },
    { ...context, read: readFor(read, values, 'villages') },
  );
  checkPopulationField(villages, values, values.villages!);
  const all = await readCommandPoints(
    values.facilities!,
    { facilities: categories?.length ? categories : Object.keys(CATEGORY_TAGS) },
    { ...context, read: readFor(read, values, 'facilities') },
  );
  const net = await loadNetwork(values.network!, {
    crs: readFor({ crs: values.crs }, values, 'network').crs,
    encoding: values.encoding,
    elevation: values.elevation,
    profile,
    onProgress: (a, b) => progress.update(progress.text.readingRoads, a, b),
  });
  progress.done();
  warnCrsShift(net, shiftInputs(values, read, { villages, facilities: all }), {
    io,
    quiet: values.quiet,
    lang,
  });
  const facilities = categories
    ? all.filter((f) => facilityCategories(f).some((c) => categories.includes(c)))
    : all;
  if (facilities.length === 0)
    throw new InputError(
      'no-facilities',
      `${values.facilities} holds no facility${categories ? ` of category ${categories.join(', ')}` : ''}`,
      {
        zh: `${values.facilities} 中没有${categories ? `${categoriesZh(categories)}类` : '任何'}设施`,
      },
    );
  const field = values['capacity-field']!;
  const capacity = facilities.map((f, i) => {
    const raw = f.properties?.[field];
    const x =
      typeof raw === 'number'
        ? raw
        : typeof raw === 'string' && raw.trim() !== ''
          ? Number(raw)
          : Number.NaN;
    if (!(Number.isFinite(x) && x >= 0))
      throw new InputError(
        'invalid-capacity',
        raw === undefined
          ? `${values.facilities}: facility ${JSON.stringify(f.id ?? i)} (#${i}) has no ${JSON.stringify(field)} (--capacity-field); its properties are ${Object.keys(f.properties ?? {}).join(', ') || 'none'}`
          : `${values.facilities}: facility ${JSON.stringify(f.id ?? i)} (#${i}): ${field} must be a number ≥ 0, got ${JSON.stringify(raw)}`,
        {
          zh:
            raw === undefined
              ? `${values.facilities}：设施 ${JSON.stringify(f.id ?? i)}（第 ${i + 1} 个）没有字段“${field}”（--capacity-field）；现有字段为 ${Object.keys(f.properties ?? {}).join('、') || '（无）'}`
              : `${values.facilities}：设施 ${JSON.stringify(f.id ?? i)}（第 ${i + 1} 个）的 ${field} 必须是 ≥ 0 的数值，得到 ${JSON.stringify(raw)}`,
        },
      );
    return x;
  });
  const pops = villages.map((v, i) =>
    villagePopulation(v, i, values['population-field'] ?? 'population'),
  );
  progress.stage(progress.text.snapping(villages.length));
  const V = placePoints(net, pointCoords(villages), { maxSnapDistanceM: maxSnap });
  // Facility → village catchments: the trip is still village → facility (direction to).
  const c = catchments(net, V, pointCoords(facilities), {
    maxSeconds: t0,
    maxSnapDistanceM: maxSnap,
  });
  const r = twoStepFca(
    c,
    capacity,
    pops.map((x) => x ?? 0),
    decay,
  );
  const within = new Int32Array(villages.length);
  for (let k = 0; k < c.village.length; k++) within[c.village[k]]++;
  // With --lang zh each id is followed by the name people know the place by.
  const named = (id: string | number, p: (typeof villages)[number]) =>
    T.names ? `${csvField(id)},${csvField(pointName(p))}` : csvField(id);
  const rows = villages.map(
    (v, i) =>
      `${named(v.id ?? i, v)},${Math.round(r.score[i] * 1000 * 1000) / 1000},${pops[i] ?? ''},${within[i]},${V.snap.link[i] < 0 ? T.offNetwork : pops[i] === null ? T.populationUnknown : ''}`,
  );
  if (values['facility-out']) {
    const nearest = nearestFacilities(net, V, pointCoords(facilities), {
      maxSnapDistanceM: maxSnap,
    });
    const load = supplyDemand(
      c,
      nearest.facility,
      capacity,
      pops.map((x) => x ?? 0),
      { per1000: std },
    );
    const lines = load.map(
      (x, j) =>
        `${named(facilities[j].id ?? j, facilities[j])},${x.capacity},${x.assignedPopulation},${x.populationWithin},${Number.isFinite(x.per1000Assigned) ? Math.round(x.per1000Assigned * 1000) / 1000 : ''},${x.shortfall === null ? '' : Math.round(x.shortfall * 1000) / 1000}`,
    );
    writeFileAtomic(values['facility-out'], `${T.facilityHeader.join(',')}\n${lines.join('\n')}\n`);
  }
  const csv = [`${T.header.join(',')}\n`, ...lineChunks(rows)];
  if (values.out) writeFileAtomic(values.out, csv);
  progress.done();
  const scored = villages.map((_, i) => r.score[i] * 1000);
  const summary = {
    method: values.method,
    minutes,
    capacityField: field,
    villages: villages.length,
    facilities: facilities.length,
    totalCapacity: capacity.reduce((a, b) => a + b, 0),
    villagesWithoutAccess: Array.from(within).filter((x) => x === 0).length,
    villagesWithZeroScore: scored.filter((x) => x === 0).length,
    villagesWithoutPopulation: pops.filter((x) => x === null).length,
    meanScorePer1000: scored.reduce((a, b) => a + b, 0) / Math.max(1, scored.length),
  };
  if (values.json) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    if (!values.out) for (const c of csv) io.stdout.write(c);
    if (!values.quiet) {
      const lines = [
        T.title(summary.method!, minutes, net.meta.profile, field),
        T.counts(summary.villages, summary.facilities, field, summary.totalCapacity),
        T.noAccess(summary.villagesWithoutAccess, summary.villagesWithZeroScore),
        T.noPopulation(summary.villagesWithoutPopulation),
        ...(values.out ? [T.written(values.out)] : []),
      ];
      (values.out ? io.stdout : io.stderr).write(`${lines.join('\n')}\n`);
    }
  }
  return 0;
}
