import type { Geometry, Position } from 'geojson';
import { FormatError } from '../../errors';

// The .shp format (ESRI Shapefile Technical Description, July 1998): a 100-byte header (file code
// 9994 big-endian, shape type little-endian at 32), then records of an 8-byte big-endian header
// (number, content length in 16-bit words) and content starting with the shape type. Z and M
// variants carry the same XY part first, so XY is read and the rest skipped by the content length.

const NULL = 0;
const POINT = [1, 11, 21];
const POLYLINE = [3, 13, 23];
const POLYGON = [5, 15, 25];
const MULTIPOINT = [8, 18, 28];

/**
 * Whether bytes start like a `.shp` file (file code 9994).
 *
 * @param head - The first bytes of a file (at least 4).
 * @returns True for a shapefile's main file.
 * @example
 * isShp(readHead('roads.shp', 4)); // true
 */
export function isShp(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0 && head[1] === 0 && head[2] === 0x27 && head[3] === 0x0a;
}

/**
 * The geometries of a `.shp` file in record order, as GeoJSON geometries in the file's own
 * coordinates: points, multipoints, polylines (LineString, or MultiLineString for several parts)
 * and polygons (rings grouped into polygons: a clockwise ring starts a polygon, the
 * counter-clockwise rings after it are its holes). Null shapes are `null`.
 *
 * @param bytes - The `.shp` file.
 * @param where - The file's name, for messages.
 * @returns One geometry (or `null`) per record. A wrong file code, an unknown shape type or a
 *   record running past the end throws `FormatError` `invalid-shapefile` naming the record.
 * @example
 * const geometries = readShpGeometries(readFileSync('villages.shp'));
 */
export function readShpGeometries(bytes: Uint8Array, where = '.shp'): (Geometry | null)[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 100 || !isShp(bytes))
    throw new FormatError('invalid-shapefile', `${where}: not a .shp file (no file code 9994)`);
  const out: (Geometry | null)[] = [];
  let at = 100;
  while (at + 8 <= bytes.length) {
    const n = out.length + 1;
    const len = v.getInt32(at + 4, false) * 2;
    const start = at + 8;
    if (len < 4 || start + len > bytes.length)
      throw new FormatError(
        'invalid-shapefile',
        `${where}: record ${n} at byte ${at} runs past the end of the file (content ${len} bytes)`,
      );
    out.push(readShape(v, start, len, `${where}: record ${n}`));
    at = start + len;
  }
  return out;
}

function readShape(v: DataView, at: number, len: number, where: string): Geometry | null {
  const type = v.getInt32(at, true);
  const need = (bytes: number) => {
    if (bytes > len)
      throw new FormatError(
        'invalid-shapefile',
        `${where}: ${bytes} bytes of content needed, the record has ${len}`,
      );
  };
  if (type === NULL) return null;
  if (POINT.includes(type)) {
    need(20);
    return {
      type: 'Point',
      coordinates: [v.getFloat64(at + 4, true), v.getFloat64(at + 12, true)],
    };
  }
  if (MULTIPOINT.includes(type)) {
    const count = v.getInt32(at + 36, true);
    need(40 + 16 * count);
    const pts: Position[] = [];
    for (let i = 0; i < count; i++)
      pts.push([v.getFloat64(at + 40 + 16 * i, true), v.getFloat64(at + 48 + 16 * i, true)]);
    return { type: 'MultiPoint', coordinates: pts };
  }
  const line = POLYLINE.includes(type);
  if (!line && !POLYGON.includes(type))
    throw new FormatError('invalid-shapefile', `${where}: unknown shape type ${type}`);
  const numParts = v.getInt32(at + 36, true);
  const numPoints = v.getInt32(at + 40, true);
  const pointsAt = at + 44 + 4 * numParts;
  need(44 + 4 * numParts + 16 * numPoints);
  const parts: Position[][] = [];
  for (let p = 0; p < numParts; p++) {
    const from = v.getInt32(at + 44 + 4 * p, true);
    const to = p + 1 < numParts ? v.getInt32(at + 48 + 4 * p, true) : numPoints;
    if (from < 0 || to > numPoints || from > to)
      throw new FormatError(
        'invalid-shapefile',
        `${where}: part ${p} spans points ${from}–${to} of ${numPoints}`,
      );
    const ring: Position[] = [];
    for (let i = from; i < to; i++)
      ring.push([v.getFloat64(pointsAt + 16 * i, true), v.getFloat64(pointsAt + 16 * i + 8, true)]);
    parts.push(ring);
  }
  if (line)
    return parts.length === 1
      ? { type: 'LineString', coordinates: parts[0] }
      : { type: 'MultiLineString', coordinates: parts };
  const polygons: Position[][][] = [];
  for (const ring of parts) {
    if (signedArea(ring) <= 0 || polygons.length === 0) polygons.push([ring]);
    else polygons[polygons.length - 1].push(ring);
  }
  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0] }
    : { type: 'MultiPolygon', coordinates: polygons };
}

/** Shoelace area: negative for a clockwise ring (a shapefile's outer ring). */
function signedArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return -s / 2;
}
