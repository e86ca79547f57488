import type { FeatureCollection, LineString } from 'geojson';
import type { RoadNetwork } from '../network/road-network';

/**
 * A network's links as GeoJSON LineStrings with their road class (`highway`) and length, e.g. to
 * draw a network built from OSM on a report map.
 *
 * @param net - The network; one feature per link (two-way roads once), in link id order, with
 *   `lengthM` in metres rounded to 0.1 and coordinates `[lon, lat]` in degrees.
 *
 * @example
 * const roads = networkRoadsGeoJson(net); // roads.features[0].properties.highway === 'primary'
 */
export function networkRoadsGeoJson(net: RoadNetwork): FeatureCollection<LineString> {
  const { linkClass, linkLengthM } = net.arrays;
  const features: FeatureCollection<LineString>['features'] = new Array(net.linkCount);
  for (let l = 0; l < net.linkCount; l++) {
    features[l] = {
      type: 'Feature',
      properties: {
        highway: net.meta.classNames[linkClass[l]],
        lengthM: Math.round(linkLengthM[l] * 10) / 10,
      },
      geometry: { type: 'LineString', coordinates: net.linkCoordinates(l) },
    };
  }
  return { type: 'FeatureCollection', features };
}
