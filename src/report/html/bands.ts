import type { FeatureCollection, MultiPolygon } from 'geojson';
import type { IsochroneBand } from '../../analysis/isochrone';
import { esc, type NumberFormat } from './format';
import type { MapFrame } from './frame';
import { simplifyPolyline } from './simplify';

/** One set of isochrone bands and the standards (ids) it belongs to; none: every standard. */
export interface ReportBandSet {
  label: string;
  bands: FeatureCollection<MultiPolygon, IsochroneBand>;
  standards?: readonly string[];
}

/** Light to dark by band: the nearest band darkest. Greys-greens, apart from the status colours. */
const BAND_FILLS = ['#d9f0d3', '#aedea7', '#7fc97f', '#5aae61', '#3f8f4a'];

/** Fill of band `i` of `n`, ordered from the largest (lightest) to the smallest. */
export function bandFill(i: number, n: number): string {
  return BAND_FILLS[Math.min(BAND_FILLS.length - 1, n - 1 - i)] ?? BAND_FILLS[0];
}

/**
 * One SVG group per band set (`data-band="k"`, hidden but the active run's), each band a path of
 * its rings projected and simplified at half a report pixel; larger bands first so the nearer
 * ones lie on top.
 *
 * @param sets - The band sets.
 * @param frame - The map frame.
 * @param fmt - Number formats (for the tooltips).
 * @param minutesUnit - The word for minutes.
 * @returns SVG markup.
 *
 * @example
 * bandGroups([{ label: 'Clinics by car', bands }], frame, fmt, 'min');
 */
export function bandGroups(
  sets: readonly ReportBandSet[],
  frame: MapFrame,
  fmt: NumberFormat,
  minutesUnit: string,
): string {
  let xy = new Float64Array(512);
  let keep = new Uint8Array(256);
  let stack = new Int32Array(512);
  const ring = (coords: number[][]) => {
    const n = coords.length;
    if (2 * n > xy.length) {
      xy = new Float64Array(2 * n);
      keep = new Uint8Array(n);
      stack = new Int32Array(2 * n);
    }
    for (let i = 0; i < n; i++) {
      xy[2 * i] = frame.x(coords[i][0]);
      xy[2 * i + 1] = frame.y(coords[i][1]);
    }
    if (simplifyPolyline(xy, n, 0.5, keep, stack) < 3) return '';
    const parts: string[] = [];
    for (let i = 0; i < n; i++)
      if (keep[i]) parts.push(`${xy[2 * i].toFixed(1)} ${xy[2 * i + 1].toFixed(1)}`);
    return `M${parts.join('L')}Z`;
  };
  return sets
    .map((set, k) => {
      const features = set.bands.features
        .slice()
        .sort((a, b) => b.properties.minutes - a.properties.minutes);
      const paths = features.map((f, i) => {
        const d = f.geometry.coordinates.map((poly) => poly.map(ring).join('')).join('');
        const tip = `${set.label}: ${fmt.int(f.properties.minutes)} ${minutesUnit}`;
        return `<path d="${d}" fill="${bandFill(i, features.length)}" fill-opacity="0.55" fill-rule="evenodd"><title>${esc(tip)}</title></path>`;
      });
      return `<g class="bands" data-band="${k}" style="display:none">${paths.join('')}</g>`;
    })
    .join('');
}

/**
 * Which band set a run shows: the first naming its standard, else the first naming none.
 *
 * @param sets - The band sets.
 * @param standardId - The run's standard.
 * @returns Index into `sets`, or -1.
 *
 * @example
 * bandSetFor(sets, 'rural-basic-90min');
 */
export function bandSetFor(sets: readonly ReportBandSet[], standardId: string): number {
  const own = sets.findIndex((s) => s.standards?.includes(standardId));
  return own >= 0 ? own : sets.findIndex((s) => !s.standards);
}
