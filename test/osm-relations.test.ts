import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { describe, expect, it } from 'vitest';
import { PbfWriter } from '../data/pbf-writer';
import { decodeOsm, type OsmSink } from '../src/engine';
import { readPointsFromOsm } from '../src/index';
import { readPointsFile } from '../src/node';
import { pointOnMultipolygon, ringsFromWays } from '../src/points/multipolygon-point';
import { mulberry32 } from './helpers/random';
import { extractPath, haveExtract } from './helpers/shared-data';

const tmp = mkdtempSync(join(tmpdir(), 'servicereach-relations-'));

// A clinic drawn as a multipolygon whose outer ring is two untagged ways (one drawn backwards) and
// whose courtyard (an inner ring) holds the centre; a village boundary whose admin_centre is the
// village node itself; a hospital whose outline is outside the file but has a label node; a bus
// route (not an area, not read).
const NODES: [number, number, number, Record<string, string>?][] = [
  [1, 1.0, 42.0],
  [2, 1.002, 42.0],
  [3, 1.002, 42.002],
  [4, 1.0, 42.002],
  [5, 1.0005, 42.0005],
  [6, 1.0015, 42.0005],
  [7, 1.0015, 42.0015],
  [8, 1.0005, 42.0015],
  [9, 1.01, 42.01, { place: 'village', name: 'Vila' }],
  [10, 1.02, 42.02],
];
const WAYS: [number, number[], Record<string, string>][] = [
  [201, [1, 2, 3], {}],
  [202, [1, 4, 3], {}],
  [203, [5, 6, 7, 8, 5], {}],
  [204, [9, 10], { highway: 'residential' }],
];
type Member = ['node' | 'way' | 'relation', number, string];
const RELATIONS: [number, Member[], Record<string, string>][] = [
  [
    100,
    [
      ['way', 201, 'outer'],
      ['way', 203, 'inner'],
      ['way', 202, 'outer'],
    ],
    { type: 'multipolygon', amenity: 'clinic', name: 'CAP' },
  ],
  [
    101,
    [
      ['way', 204, 'outer'],
      ['node', 9, 'admin_centre'],
    ],
    { type: 'boundary', boundary: 'administrative', place: 'village', name: 'Vila' },
  ],
  [
    102,
    [
      ['way', 777, 'outer'],
      ['node', 10, 'label'],
    ],
    { type: 'multipolygon', amenity: 'hospital', name: 'Hospital' },
  ],
  [103, [['way', 204, '']], { type: 'route', route: 'bus', name: 'Línia 1' }],
];

function fixtureXml(): Uint8Array {
  const tags = (t: Record<string, string> = {}) =>
    Object.entries(t)
      .map(([k, v]) => `<tag k="${k}" v="${v}"/>`)
      .join('');
  const lines = ['<?xml version="1.0"?><osm version="0.6">'];
  for (const [id, lon, lat, t] of NODES)
    lines.push(`<node id="${id}" lon="${lon}" lat="${lat}">${tags(t)}</node>`);
  for (const [id, refs, t] of WAYS)
    lines.push(`<way id="${id}">${refs.map((r) => `<nd ref="${r}"/>`).join('')}${tags(t)}</way>`);
  for (const [id, members, t] of RELATIONS)
    lines.push(
      `<relation id="${id}">${members.map(([type, ref, role]) => `<member type="${type}" ref="${ref}" role="${role}"/>`).join('\n ')}\n${tags(t)}</relation>`,
    );
  lines.push('</osm>');
  return new TextEncoder().encode(lines.join('\n'));
}

function fixturePbf(): Uint8Array {
  const path = join(tmp, 'relations.osm.pbf');
  const w = new PbfWriter(path);
  for (const [id, lon, lat, t] of NODES) w.node(id, lon, lat, t);
  for (const [id, refs, t] of WAYS) w.way(id, refs, t);
  for (const [id, members, t] of RELATIONS) w.relation(id, members, t);
  w.close();
  return new Uint8Array(readFileSync(path));
}

/** Every relation a decoder hands over, as plain data. */
function relationsOf(bytes: Uint8Array, extra: Partial<OsmSink> = {}) {
  const out: unknown[] = [];
  decodeOsm(bytes, {
    node() {},
    way() {},
    relation(id, types, refs, roles, tags) {
      out.push([id, Array.from(types), Array.from(refs), [...roles], { ...tags }]);
    },
    ...extra,
  });
  return out;
}

describe('relations in OSM input', () => {
  const xml = fixtureXml();
  const pbf = fixturePbf();
  const expected = RELATIONS.map(([id, members, tags]) => [
    id,
    members.map(([t]) => ['node', 'way', 'relation'].indexOf(t)),
    members.map(([, r]) => r),
    members.map(([, , role]) => role),
    tags,
  ]);

  it('both decoders hand relations to a sink that reads them, members in order', () => {
    expect(relationsOf(xml)).toEqual(expected);
    expect(relationsOf(pbf)).toEqual(expected);
  });

  it('wantRelation filters before members are read; sinks without relation see none', () => {
    const onlyAreas = { wantRelation: (t: Record<string, string>) => t.type === 'multipolygon' };
    expect(relationsOf(xml, onlyAreas)).toEqual([expected[0], expected[2]]);
    expect(relationsOf(pbf, onlyAreas)).toEqual([expected[0], expected[2]]);
    for (const bytes of [xml, pbf]) {
      let ways = 0;
      decodeOsm(bytes, { node() {}, way: () => ways++ });
      expect(ways).toBe(WAYS.length);
    }
  });

  it('names a member without a type or with a bad ref, with the line and the relation', () => {
    const bad = (member: string) =>
      new TextEncoder().encode(
        `<?xml version="1.0"?><osm version="0.6">\n<relation id="5">\n${member}\n</relation></osm>`,
      );
    expect(() => relationsOf(bad('<member ref="1" role=""/>'))).toThrow(
      /line 3.*<member> without a type attribute in <relation id=5>/,
    );
    expect(() => relationsOf(bad('<member type="way" ref="x1" role=""/>'))).toThrow(
      /line 3.*<member ref="x1"> is not an integer id in <relation id=5>/,
    );
    // Sinks that do not read relations skip them unread, as before.
    expect(() => decodeOsm(bad('<member ref="1"/>'), { node() {}, way() {} })).not.toThrow();
  });

  for (const [format, bytes] of [
    ['XML', xml],
    ['PBF', pbf],
  ] as const) {
    it(`readPointsFromOsm (${format}): a multipolygon clinic becomes a point on its surface, outside its courtyard`, () => {
      const { points, warnings } = readPointsFromOsm(bytes, { facilities: ['health'] });
      expect(points.map((p) => [p.id, p.category, p.properties?.osm_type])).toEqual([
        ['relation/100', 'health', 'relation'],
        ['relation/102', 'health', 'relation'],
      ]);
      const clinic = points[0];
      const outer = [1, 2, 3, 4, 1].map((n) => NODES[n - 1].slice(1, 3) as [number, number]);
      const hole = [5, 6, 7, 8, 5].map((n) => NODES[n - 1].slice(1, 3) as [number, number]);
      const at = [clinic.lon, clinic.lat];
      expect(booleanPointInPolygon(at, { type: 'Polygon', coordinates: [outer, hole] })).toBe(true);
      expect(
        booleanPointInPolygon(
          at,
          { type: 'Polygon', coordinates: [hole] },
          { ignoreBoundary: true },
        ),
      ).toBe(false);
      // The hospital's outline is not in the file: placed at its label node, with a warning.
      expect([points[1].lon, points[1].lat]).toEqual([1.02, 42.02]);
      expect(warnings).toEqual([
        'relation/102 ("Hospital"): its outer ways close no ring in this file; placed at its label node',
      ]);
    });

    it(`readPointsFromOsm (${format}): a place boundary whose admin_centre is the place node is not read twice`, () => {
      const { points } = readPointsFromOsm(bytes, { places: true });
      expect(points.map((p) => p.id)).toEqual(['node/9']);
    });
  }

  it('readPointsFile reads the member ways in a second pass over the file on disk', async () => {
    const { points } = await readPointsFile(join(tmp, 'relations.osm.pbf'), {
      osm: { facilities: ['health'] },
    });
    expect(points.map((p) => p.id)).toEqual(['relation/100', 'relation/102']);
  });
});

describe('ringsFromWays and pointOnMultipolygon (random polygons, fixed seed)', () => {
  it('rejoin rings cut into ways drawn either way in any order, and place a point inside, outside holes', () => {
    const rand = mulberry32(14);
    for (let trial = 0; trial < 300; trial++) {
      // Star-shaped around the origin: one vertex per sector, so no gap reaches 120° and the
      // polygon holds the disc of radius rMin · cos 60° around the origin.
      const n = 6 + Math.floor(rand() * 30);
      const angles = Array.from({ length: n }, (_, i) => ((i + 0.9 * rand()) * 2 * Math.PI) / n);
      const rMin = 0.3;
      const pos = new Map<number, [number, number]>();
      angles.forEach((a, i) => {
        const r = rMin + rand();
        pos.set(i + 1, [Math.cos(a) * r, Math.sin(a) * r]);
      });
      const ring = [...Array.from({ length: n }, (_, i) => i + 1), 1];
      // Cut into pieces sharing their ends, reverse some, shuffle.
      const cuts = [0];
      for (let i = 1; i < n; i++) if (rand() < 0.3) cuts.push(i);
      cuts.push(n);
      let pieces = cuts.slice(1).map((c, j) => ring.slice(cuts[j], c + 1));
      pieces = pieces.map((p) => (rand() < 0.5 ? p.reverse() : p));
      pieces.sort(() => rand() - 0.5);
      const { rings, open } = ringsFromWays(pieces);
      expect(open).toEqual([]);
      expect(rings).toHaveLength(1);
      expect(rings[0]).toHaveLength(n + 1);
      expect(new Set(rings[0])).toEqual(new Set(ring));
      // Consecutive ids along the rejoined ring are neighbours on the original one.
      for (let i = 1; i <= n; i++) {
        const d = Math.abs(rings[0][i] - rings[0][i - 1]);
        expect(d === 1 || d === n - 1).toBe(true);
      }
      const coords = rings[0].map((id) => pos.get(id)!);
      // A hole around the centre, which is where the bounding-box centre tends to fall.
      const h = ((rMin / 2) * (0.2 + 0.7 * rand())) / Math.SQRT2;
      const hole: [number, number][] = [
        [-h, -h],
        [h, -h],
        [h, h],
        [-h, h],
        [-h, -h],
      ];
      const at = pointOnMultipolygon([coords], [hole])!;
      expect(booleanPointInPolygon(at, { type: 'Polygon', coordinates: [coords, hole] })).toBe(
        true,
      );
    }
  });

  it('report a ring that does not close, and take the largest of several outer rings', () => {
    expect(
      ringsFromWays([
        [1, 2, 3],
        [3, 4],
      ]),
    ).toEqual({
      rings: [],
      open: [
        [1, 2, 3],
        [3, 4],
      ],
    });
    const small: [number, number][] = [
      [5, 5],
      [5.1, 5],
      [5.1, 5.1],
      [5, 5],
    ];
    const big: [number, number][] = [
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
      [0, 0],
    ];
    expect(pointOnMultipolygon([small, big], [])).toEqual([1, 1]);
    expect(pointOnMultipolygon([], [])).toBeNull();
  });
});

const osmium = (() => {
  try {
    execFileSync('osmium', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!haveExtract('andorra') || !osmium)(
  'relations on the Andorra extract, against osmium',
  () => {
    it('the PBF decoder reads every relation with its members as osmium cat does', () => {
      const path = extractPath('andorra');
      const ours = relationsOf(new Uint8Array(readFileSync(path))).map((r) => {
        const [id, types, refs, roles] = r as [number, number[], number[], string[]];
        return `r${id} ${types.map((t, i) => `${'nwr'[t]}${refs[i]}@${roles[i]}`).join(',')}`;
      });
      const opl = execFileSync('osmium', ['cat', '-f', 'opl', '-t', 'relation', path], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
      const theirs = opl
        .split('\n')
        .filter((l) => l.startsWith('r'))
        .map((l) => {
          const members = l.slice(l.lastIndexOf(' M') + 2);
          // OPL escapes unusual characters in roles as %hex%.
          const unescaped = members.replace(/%([0-9a-f]+)%/g, (_, h) =>
            String.fromCodePoint(Number.parseInt(h, 16)),
          );
          return `${l.slice(0, l.indexOf(' '))} ${unescaped}`;
        });
      expect(ours.length).toBe(614);
      expect(ours).toEqual(theirs);
    });

    it('finds the same relations as osmium tags-filter, each placed inside osmium’s own polygon', () => {
      const path = extractPath('andorra');
      const filters = ['amenity=*', 'building=hospital', 'building=school'];
      const { points } = readPointsFromOsm(new Uint8Array(readFileSync(path)), {
        facilities: filters,
      });
      const ours = points.filter((p) => String(p.id).startsWith('relation/'));
      // osmium: relations tagged so, that are multipolygons or carry amenity/healthcare/place.
      const out = join(tmp, 'andorra-relations.geojsonseq');
      const filtered = join(tmp, 'andorra-relations.osm.pbf');
      execFileSync('osmium', [
        'tags-filter',
        '-O',
        '-o',
        filtered,
        path,
        'r/amenity',
        'r/building=hospital,school',
      ]);
      const opl = execFileSync('osmium', ['cat', '-f', 'opl', '-t', 'relation', filtered], {
        encoding: 'utf8',
      });
      const theirs = opl
        .split('\n')
        .filter(
          (l) =>
            l.startsWith('r') && /T[^ ]*(type=multipolygon|amenity=|healthcare=|place=)/.test(l),
        )
        .map((l) => `relation/${l.slice(1, l.indexOf(' '))}`);
      expect(ours.map((p) => p.id).sort()).toEqual(theirs.sort());
      expect(ours.length).toBe(8); // Andorra 2025: 5 amenity areas, 2 school and 1 hospital buildings
      execFileSync('osmium', [
        'export',
        '-O',
        '-f',
        'geojsonseq',
        '-a',
        'type,id',
        '-o',
        out,
        filtered,
        '--geometry-types=polygon',
      ]);
      const polygons = new Map<string, GeoJSON.Polygon | GeoJSON.MultiPolygon>();
      for (const line of readFileSync(out, 'utf8').split('\n')) {
        const text = line.replace(String.fromCharCode(0x1e), '').trim();
        if (!text) continue;
        const f = JSON.parse(text) as GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>;
        const id = String(f.properties?.['@id'] ?? f.id ?? '');
        const type = String(f.properties?.['@type'] ?? '');
        if (type === 'relation') polygons.set(`relation/${id}`, f.geometry);
      }
      for (const p of ours) {
        const poly = polygons.get(String(p.id));
        expect(poly, String(p.id)).toBeDefined();
        expect(booleanPointInPolygon([p.lon, p.lat], poly!), String(p.id)).toBe(true);
      }
    });
  },
);

const BAYREUTH_XML = extractPath('bayreuth').replace(/\.pbf$/, '.gz');

describe.skipIf(!existsSync(BAYREUTH_XML) || !haveExtract('bayreuth'))(
  'relations on north Bayreuth 2014: XML and PBF decoders agree',
  () => {
    it('hands over the same relations from the .osm.gz and the .osm.pbf', () => {
      const xml = relationsOf(new Uint8Array(readFileSync(BAYREUTH_XML)));
      const pbf = relationsOf(new Uint8Array(readFileSync(extractPath('bayreuth'))));
      expect(xml.length).toBe(179);
      expect(xml).toEqual(pbf);
    });
  },
);
