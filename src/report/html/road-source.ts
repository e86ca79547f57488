import type { FeatureCollection, LineString } from 'geojson';
import { LinkGeometryReader } from '../../network/link-geometry';
import { RoadNetwork } from '../../network/road-network';

/** Roads to draw: GeoJSON lines with a `highway` property, or a network's links. */
export type ReportRoads = FeatureCollection<LineString> | RoadNetwork;

/**
 * Calls `visit` once per road polyline with its class and its vertices as `[lon, lat, …]` in a
 * reused buffer (valid only during the call): a network's links are read straight from its typed
 * arrays, so a million-link network is walked without a GeoJSON copy.
 *
 * @param roads - GeoJSON lines or a network.
 * @param visit - `(roadClass, lonLat, vertexCount)`.
 *
 * @example
 * forEachRoad(net, (cls, ll, n) => box.add(ll[0], ll[1]));
 */
export function forEachRoad(
  roads: ReportRoads,
  visit: (roadClass: string, lonLat: Float64Array, n: number) => void,
): void {
  let buf = new Float64Array(256);
  const room = (n: number) => {
    if (2 * n > buf.length) buf = new Float64Array(Math.max(2 * n, 2 * buf.length));
  };
  if (roads instanceof RoadNetwork) {
    const { linkClass } = roads.arrays;
    const reader = new LinkGeometryReader(roads.arrays);
    const names = roads.meta.classNames;
    for (let l = 0; l < roads.linkCount; l++) {
      const n = reader.read(l);
      room(n);
      const e7 = reader.e7;
      for (let j = 0; j < 2 * n; j++) buf[j] = e7[j] / 1e7;
      visit(names[linkClass[l]], buf, n);
    }
    return;
  }
  for (const f of roads.features) {
    const cs = f.geometry?.coordinates;
    if (!cs || f.geometry.type !== 'LineString') continue;
    room(cs.length);
    for (let i = 0; i < cs.length; i++) {
      buf[2 * i] = cs[i][0];
      buf[2 * i + 1] = cs[i][1];
    }
    visit(String(f.properties?.highway ?? 'road'), buf, cs.length);
  }
}
