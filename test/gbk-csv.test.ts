import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors';
import { decodeText } from '../src/inputs/text-encoding';
import { readPointsFile } from '../src/node/read-points-file';
import { readPointsFromCsv } from '../src/points/read-points';
import { villagePopulation } from '../src/points/village-population';
import { mulberry32 } from './helpers/random';

// test/fixtures/gbk-villages.csv: a village table as Chinese Excel saves "CSV": GBK bytes, CRLF,
// Chinese headers (编号, 村名, 乡镇, 人口, 经度, 纬度). Written once with Python's gbk codec.
const FIXTURE = resolve(import.meta.dirname, 'fixtures/gbk-villages.csv');

describe('GBK / GB18030 text', () => {
  it("Node's TextDecoder has gb18030 (full ICU) and reads GBK bytes with it", () => {
    expect(new TextDecoder('gbk').encoding).toBe('gbk');
    expect(
      new TextDecoder('gb18030').decode(Uint8Array.from([0xca, 0xaf, 0xc3, 0xc5, 0xb4, 0xe5])),
    ).toBe('石门村');
  });

  it("decodeText detects GBK without being told, and agrees with Python's gbk codec (an oracle)", () => {
    const bytes = new Uint8Array(readFileSync(FIXTURE));
    const { text, encoding } = decodeText(bytes);
    expect(encoding).toBe('gb18030');
    let python: string;
    try {
      python = execFileSync(
        '/usr/bin/python3',
        [
          '-c',
          `import sys; sys.stdout.buffer.write(open(${JSON.stringify(FIXTURE)},'rb').read().decode('gbk').encode('utf-8'))`,
        ],
        { encoding: 'utf8' },
      );
    } catch {
      return; // no python: the names below still check the decoding
    }
    expect(text).toBe(python);
  });

  it('decodeText keeps UTF-8 (with or without BOM) as UTF-8 on random Unicode text', () => {
    const rnd = mulberry32(11);
    for (let k = 0; k < 200; k++) {
      let s = '';
      for (let i = 0; i < 40; i++) {
        const r = rnd();
        s += String.fromCodePoint(
          r < 0.3
            ? 0x20 + Math.floor(rnd() * 90)
            : r < 0.9
              ? 0x4e00 + Math.floor(rnd() * 0x5000)
              : 0x1f300 + Math.floor(rnd() * 200),
        );
      }
      const bytes = new TextEncoder().encode(k % 2 ? `\ufeff${s}` : s);
      expect(decodeText(bytes)).toEqual({ text: s, encoding: 'utf-8' });
    }
  });

  it('takes a declared encoding, and names an unknown one', () => {
    const bytes = Uint8Array.from([0xd6, 0xd0, 0xce, 0xc4]);
    expect(decodeText(bytes, 'GBK').text).toBe('中文');
    expect(() => decodeText(bytes, 'klingon', 'v.csv')).toThrow(
      /v.csv: unknown text encoding "klingon"/,
    );
  });
});

describe('a GBK village table', () => {
  it('reads names, townships and populations from Chinese headers', async () => {
    const { points } = await readPointsFile(FIXTURE);
    expect(points.map((p) => p.id)).toEqual(['V001', 'V002', 'V003', 'V004']);
    expect(points[0].properties).toMatchObject({
      name: '石门村',
      township: '凤鸣镇',
      村名: '石门村',
    });
    expect(points[1]).toMatchObject({ lon: 100.1871, lat: 25.2302 });
    expect(points.map((p, i) => villagePopulation(p, i, 'population'))).toEqual([
      830,
      1250,
      412,
      null,
    ]);
  });

  it('reads it as TSV too, and reads GCJ-02 coordinates into WGS84', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-gbk-'));
    const tsv = join(dir, 'v.tsv');
    writeFileSync(tsv, 'id\t名称\tlng\tlat\nA\t卫生院\t121.531541859215\t31.17530398364597\n');
    const { points } = await readPointsFile(tsv, { crs: 'gcj02' });
    expect(points[0].properties?.name).toBe('卫生院');
    expect(points[0].lon).toBeCloseTo(121.5272106, 7);
    expect(points[0].lat).toBeCloseTo(31.1774276, 7);
  });

  it('names the column options in its errors', () => {
    expect(() => readPointsFromCsv('名称,经度\nA,100\n', { source: 'v.csv' })).toThrow(InputError);
    expect(() => readPointsFromCsv('名称,经度\nA,100\n', { source: 'v.csv' })).toThrow(
      /no latitude column.*纬度/,
    );
    expect(() => readPointsFromCsv('x,y\n1,2\n', { nameField: '村名' })).toThrow(/no name column/);
  });

  it('reads projected coordinates with crs and says what they were converted from when out of range', () => {
    const csv = 'id,x,y\nA,34520000,2800000\n';
    const [p] = readPointsFromCsv(csv, { crs: 'EPSG:4522' });
    expect(p.lon).toBeCloseTo(102.19861, 4);
    expect(() => readPointsFromCsv(csv)).toThrow(/out of range/);
    expect(() => readPointsFromCsv('id,x,y\nA,520000,2800000\n', { crs: 'EPSG:4522' })).toThrow(
      /converted from EPSG:4522/,
    );
  });
});
