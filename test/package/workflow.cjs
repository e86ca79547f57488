'use strict';
// The real workflow on the packed package, written once: run-cjs.cjs hands it `require`, run-esm.mjs
// `import()`, so the same steps run on dist/*.cjs and dist/*.js and their results can be compared.
const { join } = require('node:path');

const ONE_ROAD = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { highway: 'residential' },
      geometry: {
        type: 'LineString',
        coordinates: [
          [100.2, 25.2],
          [100.21, 25.2],
        ],
      },
    },
  ],
};

/**
 * @param {(specifier: string) => Promise<any>} load `require` or `import()` from the consumer dir
 * @param {{ data: string, osm: string | null }} paths data/county folder; OSM extract or null
 */
async function run(load, paths) {
  const pkg = require('servicereach/package.json');
  const entries = {};
  for (const key of Object.keys(pkg.exports)) {
    if (key === './package.json') continue;
    const mod = await load(`servicereach${key.slice(1)}`);
    entries[key] = Object.keys(mod).sort();
  }
  const core = await load('servicereach');
  const node = await load('servicereach/node');

  const net = await node.loadNetwork(join(paths.data, 'roads.geojson'), { profile: 'walk' });
  const { points: villages } = await node.readPointsFile(join(paths.data, 'villages.geojson'));
  const { points: facilities } = await node.readPointsFile(join(paths.data, 'facilities.geojson'));
  const vc = core.pointCoords(villages);

  const cov = core.coverage(net, villages, facilities, {
    standard: 'elderly-care-15min',
    groupBy: 'township',
  });
  const statuses = {};
  for (const v of cov.villages) statuses[v.status] = (statuses[v.status] ?? 0) + 1;

  const care = facilities.filter((f) => core.facilityCategories(f).includes('elderly-care'));
  const iso = core.isochrones(net, core.pointCoords(care.slice(0, 2)), {
    minutes: [5, 10, 15],
    villages,
  });

  const c = core.catchments(net, vc, vc, { maxSeconds: 15 * 60 });
  const existing = core.catchments(net, vc, core.pointCoords(care), { maxSeconds: 15 * 60 });
  const covered = core.coveredBy(
    existing,
    care.map((_, i) => i),
  );
  const population = villages.map((v, i) => core.villagePopulation(v, i, 'population') ?? 0);
  const sites = core.maximalCovering(c, population, { p: 3, covered });

  const pool = new node.SearchPool(net, { threads: 2 });
  let pooled;
  try {
    pooled = await pool.travelTimeMatrix(vc.subarray(0, 20), core.pointCoords(care));
  } finally {
    await pool.close();
  }
  const direct = core.travelTimeMatrix(net, vc.subarray(0, 20), core.pointCoords(care));

  let osm = null;
  if (paths.osm) {
    const r = await node.readPointsFile(paths.osm, {
      osm: { facilities: ['health', 'education', 'culture'] },
    });
    osm = r.points.map((p) => [p.id, p.lon, p.lat, p.category]);
  }

  let error = null;
  try {
    await node.loadNetwork(join(paths.data, 'no-such-roads.geojson'));
  } catch (e) {
    error = {
      code: e.code,
      inputError: e instanceof core.InputError,
      serviceReachError: e instanceof core.ServiceReachError,
    };
  }

  return {
    entries,
    sameClass: core.RoadNetwork === node.RoadNetwork && core.InputError === node.InputError,
    loadedIsCoreNetwork: net instanceof core.RoadNetwork,
    builtIsNodeNetwork:
      core.buildNetworkFromGeoJson(ONE_ROAD, { profile: 'walk' }) instanceof node.RoadNetwork,
    network: { nodes: net.nodeCount, edges: net.edgeCount, lengthKm: net.stats().lengthKm },
    villages: villages.length,
    coverage: {
      statuses,
      within: cov.summary.all.thresholds.map((t) => t.shareOfPopulationWithin),
      minutes: cov.villages.map((v) => v.minutes),
    },
    isochrones: iso.features.map((f) => ({
      type: f.geometry.type,
      minutes: f.properties.minutes,
      areaKm2: f.properties.areaKm2,
      population: f.properties.population,
      rings: f.geometry.coordinates.reduce((n, poly) => n + poly.length, 0),
    })),
    siting: {
      catchmentPairs: c.village.length,
      sites: sites.sites,
      gains: sites.gains,
      coveredBefore: sites.coveredBefore,
      coveredAfter: sites.coveredAfter,
    },
    pool: {
      same: pooled.timeS.every((t, i) => Object.is(t, direct.timeS[i])),
      cells: direct.timeS.length,
    },
    osm,
    error,
  };
}

module.exports = { run };
