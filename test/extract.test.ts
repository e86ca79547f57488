import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeOsm, OsmPointCollector } from '../src/engine';
import { readPointsFile } from '../src/node';
import { ROOT, runCli, runCliOnTty } from './helpers/cli';
import { osmPoints } from './helpers/osm-points';

const ANDORRA = resolve(ROOT, '../shared/data/osm/andorra-2025.osm.pbf');
const ORDINO_CAP = 'way/1058236520';
const tmp = mkdtempSync(join(tmpdir(), 'servicereach-extract-'));
const run = runCli;

describe('OsmPointCollector on a hand-written OSM file', () => {
  const xml = `<?xml version="1.0"?><osm version="0.6">
    <node id="1" lon="1.0" lat="42.0"><tag k="place" v="village"/><tag k="name" v="Alta"/><tag k="population" v="1,250"/></node>
    <node id="2" lon="1.1" lat="42.1"><tag k="place" v="hamlet"/><tag k="name" v="Baixa"/><tag k="population" v="about 40"/></node>
    <node id="3" lon="1.0" lat="42.0"/><node id="4" lon="1.001" lat="42.0"/><node id="5" lon="1.001" lat="42.001"/><node id="6" lon="1.0" lat="42.001"/>
    <node id="7" lon="1.2" lat="42.2"><tag k="amenity" v="pharmacy"/><tag k="healthcare" v="pharmacy"/></node>
    <node id="8" lon="1.3" lat="42.3"><tag k="amenity" v="school"/></node>
    <way id="10"><nd ref="3"/><nd ref="4"/><nd ref="5"/><nd ref="6"/><nd ref="3"/><tag k="building" v="yes"/><tag k="healthcare" v="yes"/><tag k="name" v="Centre"/></way>
    <way id="11"><nd ref="3"/><nd ref="99"/><nd ref="5"/><tag k="amenity" v="clinic"/></way>
  </osm>`;
  const bytes = new TextEncoder().encode(xml);

  it('reads places with their population, leaving a non-number unknown with a warning', async () => {
    const c = new OsmPointCollector({ places: true });
    decodeOsm(bytes, c);
    const { points, warnings } = c.finish();
    expect(points.map((p) => [p.id, p.properties?.population])).toEqual([
      ['node/1', 1250],
      ['node/2', null],
    ]);
    expect(warnings).toEqual([
      'node/2 ("Baixa"): population "about 40" is not a number; left unknown',
    ]);
  });

  it('reads facilities by category and tag filter; buildings become a point on them; pharmacies are not health', async () => {
    const c = new OsmPointCollector({ facilities: ['health', 'amenity=school'] });
    decodeOsm(bytes, c);
    const { points, warnings } = c.finish();
    expect(points.map((p) => [p.id, p.category])).toEqual([
      ['node/8', 'amenity=school'],
      ['way/10', 'health'],
      ['way/11', 'health'],
    ]);
    const centre = points[1];
    expect(centre.lon).toBeGreaterThan(1.0);
    expect(centre.lon).toBeLessThan(1.001);
    expect(centre.lat).toBeGreaterThan(42.0);
    expect(centre.lat).toBeLessThan(42.001);
    expect(centre.properties).toMatchObject({ osm_type: 'way', osm_id: 10, name: 'Centre' });
    expect(warnings).toEqual([
      'way/11 (amenity=clinic): 1 of 3 nodes missing from the file; placed on the rest',
    ]);
    expect(() => new OsmPointCollector({ facilities: ['hospitals'] })).toThrowError(
      /facility filter "hospitals" is neither a category/,
    );
  });
});

describe.skipIf(!existsSync(ANDORRA))('extract on the Andorra extract (../shared/data/osm)', () => {
  it('finds the Ordino primary-care centre, tagged only healthcare=yes on a building, and every settlement', async () => {
    const { points } = await readPointsFile(ANDORRA, { osm: { facilities: ['health'] } });
    const cap = points.find((p) => p.id === ORDINO_CAP)!;
    expect(cap.properties?.name).toBe("Centre d'Atenció Primària d'Ordino");
    const mean = osmPoints(ANDORRA, (t) => t.name === "Centre d'Atenció Primària d'Ordino")[0];
    expect(Math.abs(cap.lon - mean.lon)).toBeLessThan(0.0005); // on the building, near its centre
    expect(Math.abs(cap.lat - mean.lat)).toBeLessThan(0.0005);
    const places = await readPointsFile(ANDORRA, { osm: { places: true } });
    const independent = osmPoints(ANDORRA, (t) =>
      ['city', 'town', 'village', 'hamlet', 'isolated_dwelling'].includes(t.place),
    );
    expect(places.points.map((p) => p.id).sort()).toEqual(
      independent.map((p) => String(p.id).replace(/^n/, 'node/').replace(/^w/, 'way/')).sort(),
    );
    await expect(readPointsFile(ANDORRA)).rejects.toThrowError(/is an OSM file/);
  });

  it('servicereach extract writes GeoJSON points, and coverage reads the OSM file directly', async () => {
    const out = join(tmp, 'health.geojson');
    const r = await run('extract', ANDORRA, '--facilities', 'health', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/© OpenStreetMap contributors/);
    const fc = JSON.parse(readFileSync(out, 'utf8'));
    expect(fc.features.find((f: { id: string }) => f.id === ORDINO_CAP).properties.category).toBe(
      'health',
    );
    const places = JSON.parse((await run('extract', ANDORRA, '--places', '--json')).out);
    expect(places.points).toBeGreaterThan(50);
    const covOut = join(tmp, 'cov');
    const cov = await run(
      'coverage',
      '--network',
      ANDORRA,
      '--villages',
      ANDORRA,
      '--facilities',
      ANDORRA,
      '--minutes',
      '15',
      '--profile',
      'car',
      '--category',
      'health',
      '--json',
      '--out',
      covOut,
    );
    expect(cov.code).toBe(0);
    const report = readFileSync(join(covOut, 'report.html'), 'utf8');
    expect(report).toContain('© OpenStreetMap contributors (ODbL)');
    const data = JSON.parse(
      /<script type="application\/json" id="sr-data">(.*?)<\/script>/s.exec(report)?.[1] ?? '{}',
    );
    expect(data.v.x).toHaveLength(places.points);
    const s = JSON.parse(cov.out);
    expect(s.villages).toBe(places.points);
    expect(s.facilities).toBe(fc.features.length);
    expect((await run('extract', ANDORRA, '--places', '--facilities', 'health')).code).toBe(2);
    // progress only on a terminal, never with --json or when piped (test/cli-bin.test.ts checks
    // the executable on a real terminal)
    const tty = await runCliOnTty('extract', ANDORRA, '--places', '--out', join(tmp, 'p.geojson'));
    expect(tty.err).toMatch(/\rreading \[#+ *\] +\d+%/);
    const json = await runCliOnTty('extract', ANDORRA, '--places', '--json');
    expect(json.err).not.toMatch(/reading \[/);
    expect(r.err).not.toMatch(/reading \[/);
    expect((await run('extract', ANDORRA, '--facilities', 'hospitalz')).code).toBe(1);
  }, 60_000);
});
