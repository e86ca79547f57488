import { ByteWriter } from './byte-writer';
import type { MapFrame } from './frame';
import { forEachRoad, type ReportRoads } from './road-source';
import { simplifyPolyline } from './simplify';

/** How a road class is drawn: colour, width in report pixels, dashed or not; `rank` 0 is on top. */
interface RoadStyle {
  color: string;
  width: number;
  dash: boolean;
  rank: number;
}

const STYLES: Record<string, RoadStyle> = {
  motorway: { color: '#c0392b', width: 3, dash: false, rank: 0 },
  trunk: { color: '#d35400', width: 2.6, dash: false, rank: 1 },
  primary: { color: '#e67e22', width: 2.2, dash: false, rank: 2 },
  secondary: { color: '#b7950b', width: 1.8, dash: false, rank: 3 },
  tertiary: { color: '#7f8c8d', width: 1.4, dash: false, rank: 4 },
  unclassified: { color: '#8e8e8e', width: 1, dash: false, rank: 5 },
  residential: { color: '#a6a6a6', width: 0.9, dash: false, rank: 6 },
  living_street: { color: '#a6a6a6', width: 0.8, dash: false, rank: 7 },
  service: { color: '#bdbdbd', width: 0.7, dash: false, rank: 8 },
  road: { color: '#a6a6a6', width: 0.8, dash: false, rank: 9 },
  track: { color: '#8b6b4a', width: 0.8, dash: true, rank: 10 },
  path: { color: '#6b8e4e', width: 0.7, dash: true, rank: 11 },
  footway: { color: '#6b8e4e', width: 0.7, dash: true, rank: 12 },
  cycleway: { color: '#6b8e4e', width: 0.7, dash: true, rank: 13 },
  pedestrian: { color: '#a6a6a6', width: 0.7, dash: false, rank: 14 },
  steps: { color: '#6b8e4e', width: 0.7, dash: true, rank: 15 },
  bridleway: { color: '#6b8e4e', width: 0.7, dash: true, rank: 16 },
};
const OTHER: RoadStyle = { color: '#b0b0b0', width: 0.7, dash: false, rank: 99 };

/** `primary_link` draws as `primary`; unknown classes as thin grey. */
function styleOf(cls: string): [string, RoadStyle] {
  const base = cls.endsWith('_link') ? cls.slice(0, -5) : cls;
  return STYLES[base] ? [base, STYLES[base]] : ['other', OTHER];
}

/** One drawn road class: its style and its polylines as base64 zigzag varints. */
export interface RoadClassLayer {
  name: string;
  color: string;
  width: number;
  dash: boolean;
  /** Polylines: `n, x0, y0, dx1, dy1, …` in units of `RoadLayer.unit` report pixels. */
  data: string;
  polylines: number;
  vertices: number;
}

/** The roads as embedded in the report. */
export interface RoadLayer {
  /** Report pixels per coordinate unit (the quantization step, equal to the tolerance). */
  unit: number;
  /** Classes in drawing order: the minor ones first, the motorway last (on top). */
  classes: RoadClassLayer[];
  /** Vertices read from the input and drawn, to say what simplification did. */
  inputVertices: number;
  drawnVertices: number;
  bytes: number;
}

/**
 * The road layer of a report: every road projected into the frame, simplified with
 * Douglas–Peucker at `unit` report pixels and snapped to that grid, segments that fall on one
 * another drawn once (a major road hides a minor one under it), each class delta-encoded. When
 * the result passes `budgetBytes` the tolerance doubles and the layer is redone, so a province
 * of millions of road vertices becomes a map-sized drawing: at that scale the difference is
 * below what a pixel shows.
 *
 * @param roads - GeoJSON lines or a network.
 * @param frame - The map frame.
 * @param budgetBytes - Largest encoded size before coarsening (default 1.5 MB).
 * @returns The classes, the tolerance used and the counts.
 *
 * @example
 * const layer = encodeRoads(net, frame); layer.classes[0].data;
 */
export function encodeRoads(
  roads: ReportRoads,
  frame: MapFrame,
  budgetBytes = 1_500_000,
): RoadLayer {
  for (let unit = 0.5; ; unit *= 2) {
    const layer = encodeAt(roads, frame, unit, unit >= 8 ? Infinity : budgetBytes);
    if (layer) return layer;
  }
}

function encodeAt(
  roads: ReportRoads,
  frame: MapFrame,
  unit: number,
  budgetBytes: number,
): RoadLayer | null {
  // Major classes first, so that their segments claim the cells and minor duplicates are dropped.
  // Per class, grid vertices of every line back to back (plain arrays of small integers stay
  // compact in V8; a typed array per link would cost ~100 bytes of header each).
  const order: { name: string; style: RoadStyle; coords: number[]; starts: number[] }[] = [];
  const byName = new Map<string, (typeof order)[number]>();
  let inputVertices = 0;
  let xy = new Float64Array(256);
  let keep = new Uint8Array(128);
  let stack = new Int32Array(256);
  let grid = new Int32Array(256);
  // First pass: project and simplify each line; keep the integer grid vertices by class.
  forEachRoad(roads, (cls, ll, n) => {
    inputVertices += n;
    if (2 * n > xy.length) {
      xy = new Float64Array(2 * n);
      keep = new Uint8Array(n);
      stack = new Int32Array(2 * n);
    }
    for (let i = 0; i < n; i++) {
      xy[2 * i] = frame.x(ll[2 * i]);
      xy[2 * i + 1] = frame.y(ll[2 * i + 1]);
    }
    const kept = simplifyPolyline(xy, n, unit, keep, stack);
    if (kept > grid.length / 2) grid = new Int32Array(2 * kept);
    let j = 0;
    for (let i = 0; i < n; i++) {
      if (!keep[i]) continue;
      const gx = Math.round(xy[2 * i] / unit);
      const gy = Math.round(xy[2 * i + 1] / unit);
      if (j >= 2 && grid[j - 2] === gx && grid[j - 1] === gy) continue;
      grid[j++] = gx;
      grid[j++] = gy;
    }
    if (j < 4) return; // shorter than a grid step: not visible at this scale
    const [name, style] = styleOf(cls);
    let entry = byName.get(name);
    if (!entry) {
      entry = { name, style, coords: [], starts: [] };
      byName.set(name, entry);
      order.push(entry);
    }
    entry.starts.push(entry.coords.length);
    for (let i = 0; i < j; i++) entry.coords.push(grid[i]);
  });
  order.sort((a, b) => a.style.rank - b.style.rank || (a.name < b.name ? -1 : 1));
  const cols = Math.ceil(frame.width / unit) + 2;
  const seen = new Set<number>();
  const cell = (x: number, y: number) => (y + 1) * cols + (x + 1);
  const classes: RoadClassLayer[] = [];
  let bytes = 0;
  let drawnVertices = 0;
  for (const { name, style, coords, starts } of order) {
    const w = new ByteWriter();
    let polylines = 0;
    let vertices = 0;
    // A run of consecutive new segments becomes one polyline; a seen segment ends the run.
    const run: number[] = [];
    const flush = () => {
      const n = run.length / 2;
      if (n >= 2) {
        w.int(n);
        w.int(run[0]);
        w.int(run[1]);
        for (let i = 1; i < n; i++) {
          w.int(run[2 * i] - run[2 * i - 2]);
          w.int(run[2 * i + 1] - run[2 * i - 1]);
        }
        polylines++;
        vertices += n;
      }
      run.length = 0;
    };
    for (let s = 0; s < starts.length; s++) {
      const end = s + 1 < starts.length ? starts[s + 1] : coords.length;
      for (let i = starts[s] + 2; i < end; i += 2) {
        const a = cell(coords[i - 2], coords[i - 1]);
        const b = cell(coords[i], coords[i + 1]);
        const key = a < b ? a * 2 ** 26 + b : b * 2 ** 26 + a;
        if (seen.has(key)) {
          flush();
          continue;
        }
        seen.add(key);
        if (run.length === 0) run.push(coords[i - 2], coords[i - 1]);
        run.push(coords[i], coords[i + 1]);
      }
      flush();
      if (bytes + w.length > budgetBytes) return null;
    }
    bytes += w.length;
    drawnVertices += vertices;
    if (polylines)
      classes.push({
        name,
        color: style.color,
        width: style.width,
        dash: style.dash,
        data: w.base64(),
        polylines,
        vertices,
      });
  }
  return { unit, classes: classes.reverse(), inputVertices, drawnVertices, bytes };
}
