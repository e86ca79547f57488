/**
 * Writes a GeoJSON FeatureCollection one feature per line as features arrive, so a region's
 * villages never have to be held as one object (and diffs of small files stay readable, as in
 * data/county/).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Feature } from 'geojson';

/**
 * A FeatureCollection file written feature by feature.
 *
 * @example
 * const out = new FeatureLines('villages.geojson');
 * out.add({ type: 'Feature', id: 'V1', properties: { name: 'Alta' }, geometry: { type: 'Point', coordinates: [1.5, 42.5] } });
 * out.close(); // 1
 */
export class FeatureLines {
  private readonly fd: number;
  private count = 0;
  private pending: string[] = [];
  private pendingChars = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
    writeSync(this.fd, '{"type":"FeatureCollection","features":[\n');
  }

  add(feature: Feature): void {
    const line = (this.count++ > 0 ? ',\n' : '') + JSON.stringify(feature);
    this.pending.push(line);
    this.pendingChars += line.length;
    // Batching lines into ~1 MB writes costs far fewer syscalls than one write per feature.
    if (this.pendingChars > 1 << 20) this.flush();
  }

  /** Finishes the collection; returns the number of features written. */
  close(): number {
    this.flush();
    writeSync(this.fd, '\n]}\n');
    closeSync(this.fd);
    return this.count;
  }

  private flush(): void {
    if (this.pending.length > 0) writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingChars = 0;
  }
}
