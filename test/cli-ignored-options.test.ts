import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli as run, ROOT } from './helpers/cli';

// Options accepted but changing nothing in some combination: each is a usage error (exit 2)
// naming the option and what to do instead, never a run that quietly did something else.
const D = join(ROOT, 'data/county');
const ROADS = join(D, 'roads.geojson');
const VILLAGES = join(D, 'villages.geojson');
const FACILITIES = join(D, 'facilities.geojson');
const tmp = mkdtempSync(join(tmpdir(), 'servicereach-ignored-'));
const VRP = join(tmp, 'tiny.vrp');
writeFileSync(
  VRP,
  [
    'NAME : tiny',
    'TYPE : CVRP',
    'DIMENSION : 3',
    'EDGE_WEIGHT_TYPE : EUC_2D',
    'CAPACITY : 10',
    'NODE_COORD_SECTION',
    '1 0 0',
    '2 3 4',
    '3 6 8',
    'DEMAND_SECTION',
    '1 0',
    '2 1',
    '3 1',
    'DEPOT_SECTION',
    '1',
    '-1',
    'EOF',
    '',
  ].join('\n'),
);
// A saved network of the sample roads, built once for the .srn case.
const SRN = join(tmp, 'roads.srn');
beforeAll(async () => {
  expect((await run('network', ROADS, '--out', SRN, '--quiet')).code).toBe(0);
});
const covering = ['--network', ROADS, '--villages', VILLAGES, '--facilities', FACILITIES];
const typed = ['--network', ROADS, '--from', '1.5,42.5', '--minutes', '5'];

const cases: [string, string[], string][] = [
  [
    'a per-input CRS without its input (nearest straight line, no --network)',
    ['nearest', '--from', VILLAGES, '--to', FACILITIES, '--network-crs', 'gcj02'],
    '--network-crs is the CRS of --network, which is not given',
  ],
  [
    'a per-input CRS without its input (isochrone, no --villages)',
    ['isochrone', ...typed, '--villages-crs', 'gcj02'],
    '--villages-crs is the CRS of --villages',
  ],
  [
    'a network CRS for a saved network (.srn), reprojected when it was built',
    ['nearest', '--network', SRN, '--network-crs', 'gcj02', '--from', VILLAGES, '--to', FACILITIES],
    '--network-crs does nothing for a saved network',
  ],
  [
    'coverage --xlsx without --out',
    ['coverage', ...covering, '--minutes', '15', '--xlsx'],
    '--xlsx does nothing without --out',
  ],
  [
    'coverage --out-crs without --out',
    ['coverage', ...covering, '--minutes', '15', '--out-crs', 'cgcs2000'],
    '--out-crs does nothing without --out',
  ],
  [
    'coverage --shapefile-encoding without --shapefile',
    [
      'coverage',
      ...covering,
      '--minutes',
      '15',
      '--out',
      join(tmp, 'c'),
      '--shapefile-encoding',
      'gbk',
    ],
    '--shapefile-encoding does nothing without --shapefile',
  ],
  [
    'isochrone --population-field without --villages',
    ['isochrone', ...typed, '--population-field', 'pop'],
    '--population-field does nothing without --villages',
  ],
  [
    'isochrone --category with typed origins',
    ['isochrone', ...typed, '--category', 'health'],
    '--category applies to a --from file',
  ],
  [
    'isochrone --id-field with typed origins and no --villages',
    ['isochrone', ...typed, '--id-field', 'code'],
    '--id-field applies to a --from file',
  ],
  [
    'isochrone --out-crs with --json and no --out',
    [
      'isochrone',
      '--network',
      ROADS,
      '--from',
      FACILITIES,
      '--minutes',
      '5',
      '--json',
      '--out-crs',
      'cgcs2000',
    ],
    '--out-crs does nothing with --json and no --out',
  ],
  [
    'site --out-crs without --out',
    ['site', ...covering, '--minutes', '15', '--add', '1', '--out-crs', 'cgcs2000'],
    '--out-crs does nothing without --out',
  ],
  [
    'access --standard-per-1000 without --facility-out',
    [
      'access',
      ...covering,
      '--capacity-field',
      'beds',
      '--minutes',
      '15',
      '--standard-per-1000',
      '1.5',
    ],
    '--standard-per-1000 does nothing without --facility-out',
  ],
  [
    'nearest with --network writing a .geojson (it held CSV)',
    [
      'nearest',
      '--network',
      ROADS,
      '--from',
      VILLAGES,
      '--to',
      FACILITIES,
      '--out',
      join(tmp, 'n.geojson'),
    ],
    'with --network, nearest writes CSV',
  ],
  [
    'nearest --out-crs with CSV output',
    ['nearest', '--from', VILLAGES, '--to', FACILITIES, '--out-crs', 'cgcs2000'],
    '--out-crs sets the coordinates of a GeoJSON --out',
  ],
  [
    'tours --tsplib with --out',
    ['tours', '--tsplib', VRP, '--iterations', '5', '--out', join(tmp, 't')],
    '--out is for tours on a road network, not --tsplib',
  ],
  [
    'tours --tsplib with --day-hours',
    ['tours', '--tsplib', VRP, '--iterations', '5', '--day-hours', '6'],
    '--day-hours is for tours on a road network',
  ],
  [
    'tours --standard with --minutes',
    ['tours', ...covering, '--standard', 'elderly-care-15min', '--minutes', '30'],
    '--minutes comes from standard elderly-care-15min',
  ],
  [
    'tours --standard with --category',
    ['tours', ...covering, '--standard', 'elderly-care-15min', '--category', 'health'],
    '--category comes from standard elderly-care-15min',
  ],
  [
    'tours --minutes with several thresholds',
    ['tours', ...covering, '--minutes', '15,30'],
    '--minutes takes one threshold for tours',
  ],
  [
    'tours --out-crs without --out',
    ['tours', ...covering, '--minutes', '30', '--out-crs', 'cgcs2000'],
    '--out-crs does nothing without --out',
  ],
];

describe('options that would change nothing are usage errors naming them', () => {
  it.each(cases)('%s', async (_name, args, message) => {
    const r = await run(...args);
    expect(r.err).toContain(message);
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('the same commands without the stray option still run (controls)', async () => {
    expect((await run('tours', '--tsplib', VRP, '--iterations', '5', '--json')).code).toBe(0);
    const straight = await run('nearest', '--from', VILLAGES, '--to', FACILITIES, '--quiet');
    expect(straight.code).toBe(0);
    const geo = join(tmp, 'straight.geojson');
    const r = await run(
      'nearest',
      '--from',
      VILLAGES,
      '--to',
      FACILITIES,
      '--out',
      geo,
      '--out-crs',
      'cgcs2000',
      '--quiet',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(geo, 'utf8')).type).toBe('FeatureCollection');
  });
});

describe('isochrone --category chooses among a GeoJSON --from file', () => {
  const features = JSON.parse(readFileSync(FACILITIES, 'utf8')).features as {
    properties: { category?: string };
  }[];
  const categoriesOf = (f: (typeof features)[number]) =>
    String(f.properties.category ?? '').split(/[;,]/);
  const origins = async (...extra: string[]) => {
    const r = await run(
      'isochrone',
      '--network',
      ROADS,
      '--from',
      FACILITIES,
      '--minutes',
      '5',
      '--json',
      ...extra,
    );
    expect(r.code).toBe(0);
    return JSON.parse(r.out).origins as number;
  };

  it('uses only the facilities of the categories given (was: every point)', async () => {
    const health = features.filter((f) => categoriesOf(f).includes('health')).length;
    const either = features.filter((f) =>
      categoriesOf(f).some((c) => c === 'health' || c === 'fitness'),
    ).length;
    expect(health).toBeGreaterThan(0);
    expect(health).toBeLessThan(features.length);
    expect(await origins()).toBe(features.length);
    expect(await origins('--category', 'health')).toBe(health);
    expect(await origins('--category', 'health,fitness')).toBe(either);
  });

  it('a category no facility has is an input error naming it', async () => {
    const r = await run(
      'isochrone',
      '--network',
      ROADS,
      '--from',
      FACILITIES,
      '--minutes',
      '5',
      '--category',
      'transport',
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('holds no facility of transport (--category)');
  });
});

describe('--population-field that no village has is an input error', () => {
  it.each([
    ['coverage', '--minutes', '15'],
    ['access', '--minutes', '15', '--capacity-field', 'id'],
    ['site', '--minutes', '15', '--add', '1'],
  ])('%s', async (command, ...rest) => {
    const r = await run(command, ...covering, ...rest, '--population-field', 'nosuch', '--json');
    expect(r.code).toBe(1);
    expect(r.err).toContain('no village has "nosuch" (--population-field)');
    expect(r.err).toContain('population'); // the properties there are
  });

  it('isochrone, and a field that is there still counts (control)', async () => {
    const from = ['isochrone', '--network', ROADS, '--from', FACILITIES, '--minutes', '5'];
    const bad = await run(...from, '--villages', VILLAGES, '--population-field', 'nosuch');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('no village has "nosuch"');
    const good = await run(
      ...from,
      '--villages',
      VILLAGES,
      '--population-field',
      'population',
      '--json',
    );
    expect(good.code).toBe(0);
    expect(JSON.parse(good.out).bands[0].population).toBeGreaterThan(0);
  });
});

it('coverage --group-by a property no village has is an input error (it gave one "(none)" group)', async () => {
  const r = await run('coverage', ...covering, '--minutes', '15', '--group-by', 'nosuch');
  expect(r.code).toBe(1);
  expect(r.err).toContain('no village has "nosuch" (--group-by); their properties are');
  const ok = await run(
    'coverage',
    ...covering,
    '--minutes',
    '15',
    '--group-by',
    'township',
    '--json',
  );
  expect(ok.code).toBe(0);
  expect(Object.keys(JSON.parse(ok.out).summary.groups).length).toBeGreaterThan(1);
});

describe('tours --category chooses among a GeoJSON/CSV --depots file', () => {
  const features = JSON.parse(readFileSync(FACILITIES, 'utf8')).features as {
    id: string;
    properties: { category?: string };
  }[];
  const culture = new Set(
    features
      .filter((f) =>
        String(f.properties.category ?? '')
          .split(/[;,]/)
          .includes('culture'),
      )
      .map((f) => f.id),
  );
  const tours = ['tours', ...covering, '--depots', FACILITIES, '--minutes', '30'];

  it('bases the vehicles only at depots of those categories (was: at every point of the file)', async () => {
    const r = await run(...tours, '--category', 'culture', '--iterations', '20', '--json');
    expect(r.code, r.err).toBe(0);
    const plan = JSON.parse(r.out);
    expect(plan.tours.length).toBeGreaterThan(0);
    for (const t of plan.tours) expect(culture.has(t.depot), t.depotName).toBe(true);
  });

  it('a category no depot has is an input error naming it', async () => {
    const r = await run(...tours, '--category', 'transport', '--iterations', '5');
    expect(r.code).toBe(1);
    expect(r.err).toContain('holds no facility of transport (--category), among 416 points');
  });
});

describe('--sheet when no points file is a workbook', () => {
  it('is a usage error naming the files (it chose nothing and the GeoJSON was read as before)', async () => {
    const r = await run('coverage', ...covering, '--minutes', '15', '--sheet', '村庄');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--sheet chooses a sheet of an .xlsx workbook, and none of');
    expect(r.err).toContain(VILLAGES);
    const one = await run('isochrone', ...typed, '--villages', VILLAGES, '--sheet', '2');
    expect(one.code).toBe(2);
    expect(one.err).toContain(`${VILLAGES} is not one`);
  });

  it('chooses the sheet of a workbook, whatever its name (control)', async () => {
    const { xlsxWorkbook } = await import('../src/report/xlsx-workbook');
    const fc = JSON.parse(readFileSync(VILLAGES, 'utf8'));
    const rows = fc.features.map(
      (f: { properties: { id: string }; geometry: { coordinates: number[] } }) => [
        f.properties.id,
        ...f.geometry.coordinates,
      ],
    );
    const book = join(tmp, 'villages.data'); // recognised by its content, not its name
    writeFileSync(
      book,
      xlsxWorkbook([
        { name: '说明', rows: [['readme']] },
        { name: '村庄', rows: [['id', 'lon', 'lat'], ...rows] },
      ]),
    );
    const r = await run(
      'coverage',
      ...covering.slice(0, 2),
      '--villages',
      book,
      '--facilities',
      FACILITIES,
      '--minutes',
      '15',
      '--sheet',
      '村庄',
      '--json',
    );
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).villages).toBe(fc.features.length);
  });
});

it('matrix has no --name-field or --township-field (its rows are ids: they were read and never written)', async () => {
  const args = ['matrix', '--network', ROADS, '--from', VILLAGES, '--to', FACILITIES];
  for (const option of ['--name-field', '--township-field']) {
    const r = await run(...args, option, 'name');
    expect(r.code).toBe(2);
    expect(r.err).toContain(`Unknown option '${option}'`);
  }
});

describe('isochrone: typed lon,lat origins are in --from-crs, else --crs', () => {
  // A point of the sample county, and where Amap (GCJ-02) shows it.
  const P: [number, number] = [100.193813, 25.199969];
  const areas = async (...args: string[]) => {
    const r = await run('isochrone', '--minutes', '10', '--json', ...args);
    expect(r.code, r.err).toBe(0);
    return JSON.parse(r.out).bands.map((b: { areaKm2: number }) => b.areaKm2);
  };

  it('converts them as it converts a file (they were taken as WGS84 whatever --crs said)', async () => {
    const { wgs84ToGcj02 } = await import('../src/geo/crs/gcj02');
    const amap = wgs84ToGcj02(...P).join(',');
    const wgs84 = await areas('--network', SRN, '--from', P.join(','));
    // A saved network is WGS84: --crs gcj02 is the typed point's CRS alone.
    expect(await areas('--network', SRN, '--from', amap, '--crs', 'gcj02')).toEqual(wgs84);
    expect(await areas('--network', ROADS, '--from', amap, '--from-crs', 'gcj02')).toEqual(wgs84);
  });

  it('degrees typed under a projected --crs are an input error naming --from', async () => {
    const r = await run(
      'isochrone',
      '--network',
      SRN,
      '--from',
      P.join(','),
      '--minutes',
      '10',
      '--crs',
      'EPSG:4547',
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain(`--from "${P.join(',')}" (--crs)`);
    expect(r.err).toContain('look like longitude/latitude degrees');
  });
});

describe('nearest --name-field / --township-field', () => {
  const straight = ['nearest', '--from', VILLAGES, '--to', FACILITIES];

  it('has no --township-field (no township is written anywhere: it was read and never used)', async () => {
    const r = await run(...straight, '--lang', 'zh', '--township-field', 'township_pinyin');
    expect(r.code).toBe(2);
    expect(r.err).toContain(`Unknown option '--township-field'`);
  });

  it('refuses --name-field where no names are written (English, --json, a GeoJSON --out)', async () => {
    const en = await run(...straight, '--name-field', 'pinyin');
    expect(en.code).toBe(2);
    expect(en.err).toContain('--name-field chooses the names written after each id with --lang zh');
    const json = await run(...straight, '--lang', 'zh', '--name-field', 'pinyin', '--json');
    expect(json.code).toBe(2);
    expect(json.err).toContain(
      '--name-field names the places in the CSV, and this run writes none',
    );
  });

  it('with --lang zh writes the property it names after each id, from GeoJSON too (was: always "name")', async () => {
    // Both files with an English name in property "label".
    const labelled = (path: string, from: string) => {
      const fc = JSON.parse(readFileSync(path, 'utf8'));
      for (const f of fc.features) f.properties.label = f.properties[from];
      const out = join(tmp, `labelled-${from}.geojson`);
      writeFileSync(out, JSON.stringify(fc));
      return out;
    };
    const args = [
      'nearest',
      '--from',
      labelled(VILLAGES, 'pinyin'),
      '--to',
      labelled(FACILITIES, 'name_en'),
      '--lang',
      'zh',
      '--quiet',
    ];
    const names = (await run(...args)).out.split('\n')[1].split(',');
    expect(names[1]).toBe('城关第1社区');
    const r = await run(...args, '--name-field', 'label');
    expect(r.code, r.err).toBe(0);
    const row = r.out.split('\n')[1].split(',');
    expect(row.slice(0, 2)).toEqual(['V0001', 'Seat community 1']);
    expect(row[3]).toBe(names[3]); // the same facility
    expect(row[4]).toMatch(/^[ -~]+$/); // its English name
    const missing = await run(...straight, '--lang', 'zh', '--name-field', 'nosuch');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('没有一个要素有字段“nosuch”（--name-field）');
  });
});

describe('--encoding where no input is text or a shapefile', () => {
  const workbook = async (path: string, from: string) => {
    const { xlsxWorkbook } = await import('../src/report/xlsx-workbook');
    const fc = JSON.parse(readFileSync(from, 'utf8'));
    const rows = fc.features.map(
      (f: { properties: { id: string }; geometry: { coordinates: number[] } }) => [
        f.properties.id,
        ...f.geometry.coordinates,
      ],
    );
    writeFileSync(path, xlsxWorkbook([{ name: 'points', rows: [['id', 'lon', 'lat'], ...rows] }]));
    return path;
  };

  it('is a usage error naming the files (workbooks are UTF-8: it decoded nothing)', async () => {
    const v = await workbook(join(tmp, 'enc-villages.xlsx'), VILLAGES);
    const f = await workbook(join(tmp, 'enc-facilities.xlsx'), FACILITIES);
    const r = await run('nearest', '--from', v, '--to', f, '--encoding', 'gbk');
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `--encoding is the text encoding of CSV, GeoJSON and shapefile (.dbf) inputs, and ${v} is an .xlsx workbook, always UTF-8, ${f} is an .xlsx workbook`,
    );
    const roads = await run(
      'coverage',
      '--network',
      ROADS,
      '--villages',
      v,
      '--facilities',
      f,
      '--minutes',
      '15',
      '--encoding',
      'gbk',
    );
    expect(roads.code).toBe(2);
    expect(roads.err).toContain(`${ROADS} is GeoJSON roads, read as UTF-8`);
    // One text input is enough: there it acts.
    const mixed = await run('nearest', '--from', VILLAGES, '--to', f, '--encoding', 'utf-8');
    expect(mixed.code, mixed.err).toBe(0);
  });

  it('decodes a GeoJSON points file (control: Big5 names, read as GBK without it)', async () => {
    const big5 = join(tmp, 'big5.geojson');
    const head = Buffer.from(
      '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"V1","name":"',
    );
    const tail = Buffer.from('"},"geometry":{"type":"Point","coordinates":[100.19,25.2]}}]}');
    writeFileSync(big5, Buffer.concat([head, Buffer.from([0xa4, 0xa4, 0xa4, 0xe5]), tail]));
    const nameOf = async (...extra: string[]) => {
      const r = await run('nearest', '--from', big5, '--to', FACILITIES, '--lang', 'zh', ...extra);
      expect(r.code, r.err).toBe(0);
      return r.out.split('\n')[1].split(',')[1];
    };
    expect(await nameOf('--encoding', 'big5')).toBe('中文');
    expect(await nameOf()).not.toBe('中文');
  });
});
