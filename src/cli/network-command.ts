import { networkEdgesCsv, networkNodesCsv } from '../report/network-csv';
import type { ElevationMeta } from '../network/elevation';
import type { NetworkStats } from '../network/stats';
import { loadNetwork, saveNetwork } from '../node/load-network';
import { writeFileAtomic } from '../node/files';
import { preparedHierarchy } from '../search/ch/network-hierarchy';
import { buildHierarchy } from './auto-hierarchy';
import { type CommandRun, defineCommand } from './command';
import { elevationOption, networkOptions, outputOptions } from './option-groups';
import { flagOption, stringOption } from './option-spec';
import { profileOption } from './options';
import { commandProgress } from './progress';
import { UsageError } from './usage-error';

const OPTIONS = {
  profile: networkOptions({
    profile: 'speed profile (default car; a saved .srn keeps its own)',
  }).profile,
  elevation: elevationOption(),
  ...outputOptions(['<file.srn>', 'save the network for fast reuse by later commands'], {
    json: 'print the statistics as JSON',
  }),
  hierarchy: flagOption(
    `build the contraction hierarchy and keep it in the saved .srn, so
later matrix, site and nearest runs on it start with it (about as long
as the build; Andorra's file grows 1.45× by car)`,
  ),
  'export-nodes': stringOption('<nodes.csv>', 'write node,lon,lat (one row per node)'),
  'export-edges': stringOption(
    '<edges.csv>',
    'write edge,from,to,lengthM,timeS (one row per directed edge)',
  ),
};

/** `servicereach network`: build (or load) a network, print stats, optionally save and export. */
export const networkCommand = defineCommand({
  name: 'network',
  summary: 'build a road network from OSM or GeoJSON and print its statistics',
  usage: '<roads> [options]',
  description: `Build a routable road network and print its statistics.
<roads> is an OSM extract (.osm.pbf, .osm, .osm.gz), a GeoJSON FeatureCollection of
LineString/MultiLineString roads, or a network saved with --out (.srn). The format is
read from the file's content, not its name.`,
  options: OPTIONS,
  positionals: true,
  examples: [
    'servicereach network ../shared/data/osm/andorra-2025.osm.pbf',
    'servicereach network county-roads.geojson --profile walk --out county-walk.srn',
    'servicereach network andorra.osm.pbf --hierarchy --out andorra-car.srn',
    'servicereach network county-walk.srn --json',
    'servicereach network ordino.osm.pbf --export-nodes nodes.csv --export-edges edges.csv',
    'servicereach network ordino.osm.pbf --profile walk --elevation srtm/ --out ordino-walk.srn',
  ],
  run: runNetwork,
});

async function runNetwork({ values, positionals, io }: CommandRun<typeof OPTIONS>) {
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length
        ? `expected one roads file, got ${positionals.length}: ${positionals.join(' ')}`
        : 'missing <roads> file',
      'network',
    );
  const profile = profileOption(values.profile, 'network');
  const input = positionals[0];
  const progress = commandProgress(values, io);
  const net = await loadNetwork(input, {
    profile,
    elevation: values.elevation,
    onProgress: (done, total) => progress.update('reading', done, total),
  });
  progress.done();
  if (values.hierarchy) buildHierarchy(net, progress);
  if (values.out) saveNetwork(net, values.out);
  if (values['export-nodes']) writeFileAtomic(values['export-nodes'], networkNodesCsv(net));
  if (values['export-edges']) writeFileAtomic(values['export-edges'], networkEdgesCsv(net));
  const stats = net.stats();
  const { elevation } = net.meta;
  const hierarchyEdges = preparedHierarchy(net)?.edgeCount;
  if (values.json)
    io.stdout.write(
      `${JSON.stringify({ input, ...stats, ...(elevation && { elevation }), ...(hierarchyEdges !== undefined && { hierarchyEdges }) }, null, 2)}\n`,
    );
  else if (!values.quiet)
    io.stdout.write(formatStats(input, stats, values.out, elevation, hierarchyEdges));
  return 0;
}

const int = (n: number) => n.toLocaleString('en-US');
const km = (n: number) =>
  `${n.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} km`;

/** The human-readable statistics table. */
export function formatStats(
  input: string,
  s: NetworkStats,
  savedTo?: string,
  elevation?: ElevationMeta,
  hierarchyEdges?: number,
): string {
  const lines: string[] = [];
  const row = (k: string, v: string) => lines.push(`  ${k.padEnd(22)}${v}`);
  lines.push(`network ${input} (profile ${s.profile})`);
  row('nodes', int(s.nodes));
  row('directed edges', int(s.edges));
  row('links', int(s.links));
  row('road length', km(s.lengthKm));
  for (const [cls, len] of Object.entries(s.lengthKmByClass)) row(`  ${cls}`, km(len));
  row('components (weak)', `${int(s.components)}, largest ${int(s.largestComponentNodes)} nodes`);
  row(
    'components (strong)',
    `${int(s.strongComponents)}, largest ${int(s.largestStrongComponentNodes)} nodes`,
  );
  row('memory', `${(s.bytes / 1048576).toFixed(2)} MB, ${s.bytesPerEdge} bytes per edge`);
  row('ways used', `${int(s.usedWays)} of ${int(s.inputWays)} (${int(s.skippedWays)} skipped)`);
  if (s.turnRestrictions) row('turn restrictions', int(s.turnRestrictions));
  if (elevation)
    row(
      'elevation',
      `${elevation.model} slope model, ${elevation.source} (${int(elevation.voidsFilled)} voids filled)`,
    );
  if (hierarchyEdges !== undefined)
    row('contraction hierarchy', `${int(hierarchyEdges)} edges up and down`);
  if (savedTo) row('saved to', savedTo);
  if (s.warnings.length) {
    lines.push('warnings');
    for (const w of s.warnings) {
      lines.push(`  ${w.code.padEnd(22)}${int(w.count).padStart(7)}  ${w.message}`);
      lines.push(`  ${''.padEnd(22)}${''.padStart(7)}  e.g. ${w.examples.join(', ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
