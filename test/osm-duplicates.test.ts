// Duplicate OSM node ids are counted and reported, never resolved silently (the last position is
// used, as an OSM change file would have it): a warning in the network and in the point reader.
import { describe, expect, it } from 'vitest';
import { buildNetworkFromOsmRoads, OsmPointCollector, OsmRoadCollector } from '../src/engine';

describe('duplicate OSM node ids', () => {
  it('become a counted duplicate-node network warning with examples, and the last position wins', () => {
    const roads = new OsmRoadCollector();
    roads.node(1, 1.5, 42.5);
    roads.node(2, 1.51, 42.5);
    roads.node(2, 1.52, 42.5); // again, moved
    roads.node(3, 1.53, 42.5);
    roads.node(3, 1.53, 42.5); // again, same place
    roads.way(10, [1, 2, 3], { highway: 'residential' });
    const net = buildNetworkFromOsmRoads(roads, { profile: 'walk' });
    const w = net.meta.warnings.find((x) => x.code === 'duplicate-node');
    expect(w?.count).toBe(2);
    expect(w?.examples).toEqual(['node 2', 'node 3']);
    // 1.50 → 1.52 → 1.53 along the way: the moved node's last position is used
    expect(net.stats().lengthKm).toBeCloseTo(0.03 * 111.195 * Math.cos((42.5 * Math.PI) / 180), 1);
  });

  it('become a warning line of the point reader', () => {
    const c = new OsmPointCollector({ places: true });
    c.node(7, 1.5, 42.5);
    c.node(7, 1.6, 42.5);
    const { warnings } = c.finish();
    expect(warnings).toEqual([
      '1 OSM node id(s) given more than once (e.g. node/7); the last position of each was used',
    ]);
  });

  it('give no warning when every id is unique, sorted or not', () => {
    const roads = new OsmRoadCollector();
    roads.node(3, 1.53, 42.5);
    roads.node(1, 1.5, 42.5);
    roads.node(2, 1.51, 42.5);
    roads.way(10, [1, 2, 3], { highway: 'residential' });
    const net = buildNetworkFromOsmRoads(roads, { profile: 'walk' });
    expect(net.meta.warnings.map((x) => x.code)).not.toContain('duplicate-node');
  });
});
