import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FormatError, InputError } from '../src/errors';
import { readXlsxSheet } from '../src/inputs/xlsx/read-xlsx';
import { readPointsFile } from '../src/node/read-points-file';
import { readPointsFromXlsx } from '../src/points/read-points-xlsx';
import { xlsxWorkbook } from '../src/report/xlsx-workbook';
import { mulberry32 } from './helpers/random';

/** A workbook the way Excel writes one: shared strings (rich text, phonetic runs), sparse cells. */
function excelStyleWorkbook(): Uint8Array {
  const x = (s: string) => strToU8(s);
  return zipSync({
    '[Content_Types].xml': x('<Types/>'),
    'xl/workbook.xml': x(
      '<workbook xmlns:r="r"><sheets><sheet name="说明" sheetId="1" r:id="rId1"/><sheet name="村庄" sheetId="2" r:id="rId2"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': x(
      '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="/xl/worksheets/sheet2.xml"/></Relationships>',
    ),
    'xl/sharedStrings.xml': x(
      '<sst><si><t>村名</t></si><si><t>经度</t></si><si><t>纬度</t></si><si><r><t>石门</t></r><r><rPr/><t>村</t></r><rPh><t>shimen</t></rPh></si><si><t>A &amp; B</t></si></sst>',
    ),
    'xl/worksheets/sheet1.xml': x(
      '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>readme</t></is></c></row></sheetData></worksheet>',
    ),
    'xl/worksheets/sheet2.xml': x(
      '<worksheet><sheetData><row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c r="D2" t="s"><v>2</v></c><c r="E2" t="str"><v>ok</v></c></row>' +
        '<row r="3"><c r="B3" t="s"><v>3</v></c><c r="C3"><v>100.123456789012</v></c><c r="D3"><v>25.5</v></c><c r="E3" t="b"><v>1</v></c></row>' +
        '<row r="4"/>' +
        '<row r="5"><c r="B5" t="s"><v>4</v></c><c r="C5" s="1"><f>1+1</f><v>100.2</v></c><c r="D5"><v>25.6</v></c></row></sheetData></worksheet>',
    ),
  });
}

describe('reading .xlsx', () => {
  it('reads a sheet by name: shared and rich strings, sparse cells, booleans, cached formula values', () => {
    const t = readXlsxSheet(excelStyleWorkbook(), { sheet: '村庄' });
    expect(t.header).toEqual(['', '村名', '经度', '纬度', 'ok']);
    expect(t.rows).toEqual([
      ['', '石门村', '100.123456789012', '25.5', 'TRUE'],
      ['', 'A & B', '100.2', '25.6', ''],
    ]);
    expect(t.lines).toEqual([3, 5]);
    expect(readXlsxSheet(excelStyleWorkbook()).sheet).toBe('说明');
    expect(readXlsxSheet(excelStyleWorkbook(), { sheet: 2 }).sheet).toBe('村庄');
  });

  it('names the sheets when the one asked for is not there, and refuses what is no workbook', () => {
    expect(() =>
      readXlsxSheet(excelStyleWorkbook(), { sheet: 'Sheet1', source: 'v.xlsx' }),
    ).toThrow(/v.xlsx: no sheet "Sheet1"; its sheets are "说明", "村庄"/);
    expect(() => readXlsxSheet(strToU8('id,lon,lat'), { source: 'v.xlsx' })).toThrow(FormatError);
    expect(() => readXlsxSheet(zipSync({ 'a.txt': strToU8('x') }))).toThrow(/no xl\/workbook.xml/);
  });

  it('reads villages from it with Chinese headers, naming sheet and row in errors', () => {
    const pts = readPointsFromXlsx(excelStyleWorkbook(), { sheet: '村庄' });
    expect(pts[0]).toMatchObject({
      lon: 100.123456789012,
      lat: 25.5,
      properties: { name: '石门村' },
    });
    const bad = xlsxWorkbook([
      {
        name: 'v',
        rows: [
          ['id', 'lon', 'lat'],
          ['a', 'east', 25],
        ],
      },
    ]);
    expect(() => readPointsFromXlsx(bad, { source: 'v.xlsx' })).toThrow(
      /v.xlsx sheet "v", line 2 \(id "a"\): lon is not a number/,
    );
  });
});

describe('writing .xlsx (xlsxWorkbook)', () => {
  it('round-trips random sheets of Chinese text and numbers through our reader', () => {
    const rnd = mulberry32(5);
    const word = () => {
      let s = '';
      const n = 1 + Math.floor(rnd() * 8);
      for (let i = 0; i < n; i++)
        s +=
          rnd() < 0.5
            ? String.fromCodePoint(0x4e00 + Math.floor(rnd() * 0x5000))
            : '<&>" ab'[Math.floor(rnd() * 7)];
      return s.trim() || 'x';
    };
    for (let k = 0; k < 30; k++) {
      const cols = 1 + Math.floor(rnd() * 6);
      const header = Array.from({ length: cols }, (_, c) => `列${c}`);
      const rows = Array.from({ length: 1 + Math.floor(rnd() * 20) }, () =>
        Array.from({ length: cols }, () => (rnd() < 0.5 ? word() : Math.round(rnd() * 1e6) / 1e3)),
      );
      const back = readXlsxSheet(xlsxWorkbook([{ name: `表${k}`, rows: [header, ...rows] }]));
      expect(back.header).toEqual(header);
      expect(back.rows).toEqual(rows.map((r) => r.map(String)));
    }
  });

  it('is read by an independent reader (Python zipfile + ElementTree) cell for cell', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-xlsx-'));
    const file = join(dir, 'w.xlsx');
    writeFileSync(
      file,
      xlsxWorkbook([
        {
          name: '覆盖/汇总?',
          rows: [
            ['名称', '人口'],
            ['石门村', 830],
            ['A&B', 1.5],
          ],
        },
        { name: '覆盖/汇总?', rows: [] },
      ]),
    );
    const py = `
import zipfile, json, xml.etree.ElementTree as ET
ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
z = zipfile.ZipFile(${JSON.stringify(file)})
wb = ET.fromstring(z.read('xl/workbook.xml'))
names = [s.get('name') for s in wb.find('m:sheets', ns)]
sh = ET.fromstring(z.read('xl/worksheets/sheet1.xml'))
rows = [[(c.find('m:v', ns).text if c.get('t') is None else ''.join(t.text for t in c.iter('{%s}t' % ns['m']))) for c in r] for r in sh.find('m:sheetData', ns)]
print(json.dumps([names, rows], ensure_ascii=False))`;
    let out: string;
    try {
      out = execFileSync('/usr/bin/python3', ['-c', py], { encoding: 'utf8' });
    } catch {
      return; // no python: the round trip above still checks the format
    }
    expect(JSON.parse(out)).toEqual([
      ['覆盖 汇总', '覆盖 汇总~2'],
      [
        ['名称', '人口'],
        ['石门村', '830'],
        ['A&B', '1.5'],
      ],
    ]);
  });

  it('is found by readPointsFile from its content, whatever the file is called', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-xlsx-'));
    const file = join(dir, 'villages.dat');
    writeFileSync(
      file,
      xlsxWorkbook([
        {
          name: '村庄',
          rows: [
            ['编号', '村名', '乡镇', '经度', '纬度'],
            ['V1', '石门村', '凤鸣镇', 100.15, 25.21],
          ],
        },
      ]),
    );
    const { points } = await readPointsFile(file, { sheet: '村庄' });
    expect(points[0]).toMatchObject({
      id: 'V1',
      lon: 100.15,
      properties: { name: '石门村', township: '凤鸣镇' },
    });
    await expect(readPointsFile(file, { sheet: 'x' })).rejects.toThrow(InputError);
  });
});
