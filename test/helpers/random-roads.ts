import type { Feature, LineString } from 'geojson';
import { mulberry32 } from './random';

/** Random roads walking a 6×6 grid of 400 m cells: two classes, one-ways both senses, islands. */
export function randomRoads(seed: number) {
  const rnd = mulberry32(seed);
  const features: Feature<LineString>[] = [];
  for (let w = 0; w < 14; w++) {
    const coords: number[][] = [];
    let x = Math.floor(rnd() * 6) * 0.004;
    let y = 30 + Math.floor(rnd() * 6) * 0.004;
    for (let i = 0; i < 2 + Math.floor(rnd() * 4); i++) {
      coords.push([x, y]);
      if (rnd() < 0.5) x += (rnd() < 0.5 ? -1 : 1) * 0.004;
      else y += (rnd() < 0.5 ? -1 : 1) * 0.004;
    }
    const r = rnd();
    features.push({
      type: 'Feature',
      properties: {
        highway: rnd() < 0.5 ? 'residential' : 'tertiary',
        oneway: r < 0.3 ? 'yes' : r < 0.4 ? '-1' : 'no',
      },
      geometry: { type: 'LineString', coordinates: coords },
    });
  }
  return { type: 'FeatureCollection' as const, features };
}
