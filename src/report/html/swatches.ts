import type { CoverageStatus } from '../../analysis/coverage';
import { STATUS_FILL } from './runs';

/**
 * Small inline SVG legend marks that match what the map draws: status shapes, road strokes,
 * band boxes, the facility square and the site diamond.
 *
 * @returns One function per kind of mark.
 *
 * @example
 * styleSwatches().status('covered');
 */
export function styleSwatches() {
  const svg = (body: string) => `<svg width="16" height="12" viewBox="0 0 16 12">${body}</svg>`;
  return {
    status: (s: CoverageStatus) => {
      const fill = STATUS_FILL[s];
      if (s === 'covered') return svg(`<circle cx="8" cy="6" r="5" fill="${fill}" stroke="#fff"/>`);
      if (s === 'outside') return svg(`<circle cx="8" cy="6" r="5" fill="${fill}" stroke="#222"/>`);
      if (s === 'unreachable')
        return svg(`<path d="M8,0L14,6L8,12L2,6Z" fill="${fill}" stroke="#222"/>`);
      return svg(
        '<rect x="3" y="1" width="10" height="10" fill="#fff" stroke="#222" stroke-width="1.6"/>',
      );
    },
    road: (color: string, width: number, dash: boolean) =>
      svg(
        `<line x1="0" x2="16" y1="6" y2="6" stroke="${color}" stroke-width="${Math.max(1.2, width)}"${dash ? ' stroke-dasharray="3 2"' : ''}/>`,
      ),
    box: (fill: string) =>
      svg(`<rect x="1" y="1" width="14" height="10" fill="${fill}" fill-opacity="0.7"/>`),
    facility: () => svg('<rect x="4" y="2" width="8" height="8" fill="#111" stroke="#fff"/>'),
    site: () => svg('<path d="M8,0L14,6L8,12L2,6Z" fill="#7B3294" stroke="#fff"/>'),
  };
}
