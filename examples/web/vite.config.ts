// The example planning app. `npm run example:web` serves it; `npm run example:web:build` writes
// examples/web/dist (serve that folder over HTTP: module scripts do not run from file://). The
// config imports the library's sources, so Vite loads it with `--configLoader runner`.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { buildNetworkFromGeoJson } from '../../src/index';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, '../..');

/**
 * The sample county under `county/`: its three GeoJSON files as they are, and its road network
 * built once per profile into `.srn` files, the form a planning app would download.
 */
function countyData(): Plugin {
  let files: Map<string, Uint8Array> | null = null;
  const load = () => {
    if (files) return files;
    const read = (name: string) => readFileSync(join(REPO, 'data/county', name));
    const roads = read('roads.geojson');
    const fc = JSON.parse(roads.toString('utf8'));
    files = new Map<string, Uint8Array>([
      ['county/roads.geojson', roads],
      ['county/villages.geojson', read('villages.geojson')],
      ['county/facilities.geojson', read('facilities.geojson')],
    ]);
    for (const profile of ['walk', 'car'] as const)
      files.set(
        `county/${profile}.srn`,
        new Uint8Array(buildNetworkFromGeoJson(fc, { profile }).toBuffer()),
      );
    return files;
  };
  return {
    name: 'county-data',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const body = load().get((req.url ?? '').replace(/^\//, '').split('?')[0]);
        if (!body) return next();
        res.setHeader(
          'Content-Type',
          req.url?.includes('.srn') ? 'application/octet-stream' : 'application/geo+json',
        );
        res.end(body);
      });
    },
    generateBundle() {
      for (const [fileName, source] of load()) this.emitFile({ type: 'asset', fileName, source });
    },
  };
}

export default defineConfig({
  root: HERE,
  base: './',
  // The library from its sources, as an app would import the published package.
  resolve: { alias: { servicereach: join(REPO, 'src/index.ts') } },
  plugins: [countyData()],
  worker: { format: 'es' },
  build: {
    outDir: join(HERE, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  logLevel: 'warn',
});
