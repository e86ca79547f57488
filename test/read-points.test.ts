import { describe, expect, it } from 'vitest';
import { InputError, readPointsFromCsv, readPointsFromGeoJson } from '../src/index';
import { parseCsv } from '../src/engine';

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, CRLF and a BOM', () => {
    const r = parseCsv('\ufeffid,name,lon,lat\r\n"a,1","say ""hi""",1,2\r\nb,"two\nlines",3,4\r\n');
    expect(r.header).toEqual(['id', 'name', 'lon', 'lat']);
    expect(r.rows).toEqual([
      ['a,1', 'say "hi"', '1', '2'],
      ['b', 'two\nlines', '3', '4'],
    ]);
    expect(r.lines).toEqual([2, 3]);
  });

  it('names the line of a row with the wrong field count, and an unterminated quote', () => {
    expect(() => parseCsv('a,b\n1,2\n3\n', 'v.csv')).toThrowError(
      /v\.csv, line 3: 1 fields where the header has 2/,
    );
    expect(() => parseCsv('a,b\n"1,2\n', 'v.csv')).toThrowError(
      /unterminated quoted field starting on line 2/,
    );
  });
});

describe('readPointsFromCsv', () => {
  it('finds lon/lat columns by common names and keeps id, category and every column', () => {
    const pts = readPointsFromCsv(
      'code,Longitude,Latitude,category,population\nv1,100.1,25.6,health,830\n',
      { idField: 'code' },
    );
    expect(pts).toEqual([
      {
        id: 'v1',
        lon: 100.1,
        lat: 25.6,
        category: 'health',
        properties: {
          code: 'v1',
          Longitude: '100.1',
          Latitude: '25.6',
          category: 'health',
          population: '830',
        },
      },
    ]);
  });

  it('uses configured column names and says which columns exist when one is missing', () => {
    expect(readPointsFromCsv('E,N\n100,25\n', { lonField: 'E', latField: 'N' })[0]).toMatchObject({
      id: 0,
      lon: 100,
      lat: 25,
    });
    expect(() => readPointsFromCsv('id,x1,y1\na,1,2\n', { source: 'v.csv' })).toThrowError(
      /v\.csv: no longitude column \(looked for lon, lng, long, longitude, x, 经度, x坐标, 横坐标; the header is id,x1,y1\)/,
    );
  });

  it('names the line and value of a bad coordinate and hints at swapped columns', () => {
    expect(() =>
      readPointsFromCsv('id,lon,lat\na,1,2\nb,abc,2\n', { source: 'v.csv' }),
    ).toThrowError(/v\.csv, line 3 \(id "b"\): lon is not a number: "abc"/);
    expect(() => readPointsFromCsv('id,lon,lat\na,25.6,100.1\n', { source: 'v.csv' })).toThrowError(
      /line 2 \(id "a"\): \[25\.6, 100\.1\] is out of range.*looks like \[lat, lon\]/,
    );
    expect(() => readPointsFromCsv('id,lon,lat\na,,2\n')).toThrowError(InputError);
  });
});

describe('readPointsFromGeoJson', () => {
  const fc = (features: unknown[]) => ({ type: 'FeatureCollection', features });

  it('keeps points, and reduces polygons and lines to a point on them', () => {
    const square = [
      [
        [0, 0],
        [2, 0],
        [2, 2],
        [0, 2],
        [0, 0],
      ],
    ];
    const pts = readPointsFromGeoJson(
      fc([
        {
          type: 'Feature',
          id: 'p',
          properties: { category: 'health' },
          geometry: { type: 'Point', coordinates: [1, 1] },
        },
        {
          type: 'Feature',
          properties: { id: 'poly' },
          geometry: { type: 'Polygon', coordinates: square },
        },
        {
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'LineString',
            coordinates: [
              [0, 0],
              [4, 0],
            ],
          },
        },
      ]),
    );
    expect(pts.map((p) => p.id)).toEqual(['p', 'poly', 2]);
    expect(pts[0]).toMatchObject({ lon: 1, lat: 1, category: 'health' });
    expect(pts[1].lon).toBeGreaterThan(0);
    expect(pts[1].lon).toBeLessThan(2);
    expect(pts[1].lat).toBeGreaterThan(0);
    expect(pts[1].lat).toBeLessThan(2);
    expect(pts[2].lat).toBe(0);
  });

  it('rejects a feature without geometry and bad coordinates, naming it', () => {
    expect(() =>
      readPointsFromGeoJson(fc([{ type: 'Feature', id: 7, properties: {}, geometry: null }]), {
        source: 'f.geojson',
      }),
    ).toThrowError(/f\.geojson feature #0 \(id 7\) has no geometry/);
    expect(() =>
      readPointsFromGeoJson(
        fc([
          {
            type: 'Feature',
            properties: {},
            geometry: { type: 'Point', coordinates: [Number.NaN, 1] },
          },
        ]),
      ),
    ).toThrowError(/feature #0 .*finite numbers/);
    expect(() => readPointsFromGeoJson({ type: 'Feature' })).toThrowError(
      /expected a GeoJSON FeatureCollection, got type "Feature"/,
    );
  });
});
