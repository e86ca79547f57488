// The report's mobile-service tours section: tours by vehicle and day, the villages no tour can
// serve with their reason, in both languages, every text escaped.
import type { FeatureCollection, LineString } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildNetworkFromGeoJson, coverage, type IndexedPoint } from '../src/index';
import { numberFormat } from '../src/report/html/format';
import { reportStrings } from '../src/report/html/strings';
import { type ReportTours, toursSection } from '../src/report/html/tours-section';
import { reportHtml } from '../src/report/report-html';

const roads: FeatureCollection<LineString> = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { highway: 'residential' },
      geometry: {
        type: 'LineString',
        coordinates: [
          [100, 25],
          [100.03, 25],
        ],
      },
    },
  ],
};
const villages: IndexedPoint[] = [
  { lon: 100.001, lat: 25, id: 'a', properties: { name: 'Near', population: 100 } },
  { lon: 100.029, lat: 25, id: 'b', properties: { name: 'Far', population: 40 } },
];
const facilities: IndexedPoint[] = [
  { lon: 100, lat: 25, id: 'h', category: 'health', properties: { name: 'Clinic' } },
];
const net = buildNetworkFromGeoJson(roads, { profile: 'car' });
const r = coverage(net, villages, facilities, { standard: 'rural-basic-90min' });

const tours: ReportTours = {
  rows: [
    {
      vehicle: 2,
      day: 1,
      depotName: 'West health centre',
      villages: ['Upper Ridge'],
      driveHours: 2.25,
      totalHours: 3,
    },
    {
      vehicle: 1,
      day: 3,
      depotName: 'Xiaba health centre',
      villages: ['Shangtang', 'Lower <Mill>'],
      driveHours: 4.5,
      totalHours: 6,
    },
  ],
  unserved: [{ name: 'Cut-off', township: 'T9', population: 1234, reason: 'unreachable' }],
};

describe('the tours section of the report', () => {
  it('lists the tours by vehicle and day and the villages not served, with reasons', () => {
    const html = reportHtml({ title: 'T', roads, facilities, coverage: [r], villages, tours });
    expect(html).toContain('<h2>Mobile-service tours</h2>');
    expect(html).toContain('Vehicles: 2; tours a period: 2; villages visited: 3; not served: 1.');
    // vehicle 1 before vehicle 2; names in order, escaped
    expect(html).toContain(
      '<tr><td>1</td><td>3</td><td>Xiaba health centre</td><td>Shangtang → Lower &lt;Mill&gt;</td><td>4.5</td><td>6.0</td></tr>',
    );
    expect(html.indexOf('Xiaba health centre')).toBeLessThan(html.indexOf('West health centre'));
    expect(html).not.toContain('<Mill>');
    expect(html).toContain('<h3>Villages no tour can serve</h3>');
    expect(html).toContain(
      '<tr><td>Cut-off</td><td>T9</td><td>1,234</td><td>unreachable</td></tr>',
    );
    // after the tables, before the footer
    expect(html.indexOf('Mobile-service tours')).toBeLessThan(html.indexOf('Made with'));
  });

  it('speaks Chinese with lang zh and takes a given title and summary', () => {
    const zh = reportHtml({ title: 'T', roads, facilities, coverage: [r], tours, lang: 'zh' });
    expect(zh).toContain('<h2>流动服务巡回路线</h2>');
    expect(zh).toContain('<td>不可达</td>');
    expect(zh).toContain('巡回无法服务的村');
    const own = toursSection(
      { ...tours, title: 'A & B', summary: 'weekly', unserved: [] },
      reportStrings('en'),
      numberFormat('en'),
    );
    expect(own).toContain('<h2>A &amp; B</h2>\n<p>weekly</p>');
    expect(own).not.toContain('<h3>');
  });

  it('is absent without tours, and says why for a tour longer than a day', () => {
    expect(reportHtml({ title: 'T', roads, facilities, coverage: [r] })).not.toContain(
      'Mobile-service tours',
    );
    const s = toursSection(
      {
        rows: [],
        unserved: [{ name: 'X', township: null, population: null, reason: 'longer-than-day' }],
      },
      reportStrings('en'),
      numberFormat('en'),
    );
    expect(s).toContain(
      '<tr><td>X</td><td></td><td>unknown</td><td>longer than a working day</td></tr>',
    );
    expect(s).not.toContain('<th>Vehicle</th>');
  });
});
