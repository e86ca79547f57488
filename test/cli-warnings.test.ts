import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli';

// A road with two hamlets and a clinic beside it; one hamlet's population is not a number.
const tmp = mkdtempSync(join(tmpdir(), 'servicereach-warnings-'));
const OSM = join(tmp, 'tiny.osm');
writeFileSync(
  OSM,
  `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6">
  <node id="1" lat="25.2000" lon="100.2000"/>
  <node id="2" lat="25.2000" lon="100.2100"/>
  <node id="3" lat="25.2000" lon="100.2200"/>
  <node id="10" lat="25.2003" lon="100.2010"><tag k="place" v="hamlet"/><tag k="name" v="Upper"/><tag k="population" v="about 300"/></node>
  <node id="11" lat="25.2003" lon="100.2190"><tag k="place" v="hamlet"/><tag k="name" v="Lower"/><tag k="population" v="120"/></node>
  <node id="20" lat="25.1998" lon="100.2100"><tag k="amenity" v="clinic"/><tag k="beds" v="4"/></node>
  <way id="100"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="residential"/></way>
</osm>
`,
);

describe('analysis commands reading OSM places', () => {
  const inputs = ['--network', OSM, '--villages', OSM, '--facilities', OSM, '--category', 'health'];
  const commands = [
    ['coverage', ...inputs, '--minutes', '15'],
    ['site', ...inputs, '--minutes', '15', '--add', '1'],
    ['access', ...inputs, '--minutes', '15', '--capacity-field', 'beds'],
    ['isochrone', '--network', OSM, '--from', OSM, '--category', 'health', '--villages', OSM],
  ];

  it('print what could not be read as asked (a population that is no number), never drop it', async () => {
    for (const args of commands) {
      const r = await runCli(...args, ...(args[0] === 'isochrone' ? ['--minutes', '5'] : []));
      expect(r.code, `${args[0]}: ${r.err}`).toBe(0);
      expect(r.err, args[0]).toMatch(/warning: .*Upper.*about 300/);
    }
  });

  it('stay silent about it with --quiet', async () => {
    const r = await runCli(...commands[1], '--quiet');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
  });
});
