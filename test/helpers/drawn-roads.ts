import type { Feature, FeatureCollection, LineString } from 'geojson';

/** Degrees between neighbouring characters of a drawing (~111 m at the equator). */
export const CELL = 0.001;

/**
 * Roads from an ASCII drawing: each capital letter is a vertex placed at its character position
 * (column → lon, row → lat, CELL degrees apart, near the equator so both axes have the same scale).
 * Lines are given as letter sequences with their OSM tags; the drawing's `-`, `|`, `/`, `\` are for
 * the reader only.
 *
 *     A---B---C
 *         |
 *         D
 */
export function drawnRoads(
  drawing: string,
  ways: [path: string, tags?: Record<string, string | number>][],
): FeatureCollection<LineString> {
  const pos = letterPositions(drawing);
  const features: Feature<LineString>[] = ways.map(([path, tags = {}], i) => ({
    type: 'Feature',
    id: `w${i}`,
    properties: { highway: 'residential', ...tags },
    geometry: {
      type: 'LineString',
      coordinates: [...path].map((ch) => {
        const p = pos.get(ch);
        if (!p) throw new Error(`letter ${ch} is not in the drawing`);
        return p;
      }),
    },
  }));
  return { type: 'FeatureCollection', features };
}

/** `[lon, lat]` of every capital letter in a drawing. */
export function letterPositions(drawing: string): Map<string, [number, number]> {
  const pos = new Map<string, [number, number]>();
  drawing.split('\n').forEach((line, row) => {
    [...line].forEach((ch, col) => {
      if (ch >= 'A' && ch <= 'Z') pos.set(ch, [round7(col * CELL), round7(-row * CELL)]);
    });
  });
  return pos;
}

function round7(x: number): number {
  return Math.round(x * 1e7) / 1e7;
}
