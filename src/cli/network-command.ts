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
import { type Lang, label, parseLang, ROAD_CLASS_ZH } from '../report/lang';
import { networkWarningZh } from '../report/network-warning-zh';
import { NETWORK_TEXT } from './tool-command-text';

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
  lang: stringOption(
    'en|zh',
    'language of the statistics and warnings (default en; zh: 简体中文); the\nexported CSVs keep their English headers for igraph, networkx, pgRouting',
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
      positionals.length
        ? `只能给一个道路文件，得到 ${positionals.length} 个：${positionals.join(' ')}`
        : '缺少 <道路文件>',
    );
  const lang = parseLang(values.lang);
  const profile = profileOption(values.profile, 'network');
  const input = positionals[0];
  const progress = commandProgress(values, io, lang);
  const net = await loadNetwork(input, {
    profile,
    elevation: values.elevation,
    onProgress: (done, total) => progress.update(progress.text.reading, done, total),
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
    io.stdout.write(formatStats(input, stats, values.out, elevation, hierarchyEdges, lang));
  return 0;
}

const int = (n: number) => n.toLocaleString('en-US');
const km = (n: number) =>
  n.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * The human-readable statistics table.
 *
 * @param input - The roads file, for the title.
 * @param s - The network's statistics.
 * @param savedTo - Where `--out` saved it.
 * @param elevation - The DEM it was built with.
 * @param hierarchyEdges - Edges of its contraction hierarchy, when it has one.
 * @param lang - `zh`: labels, road classes and warnings in Chinese (codes stay as they are).
 * @returns The table, ending in a newline.
 * @example
 * io.stdout.write(formatStats('roads.geojson', net.stats()));
 */
export function formatStats(
  input: string,
  s: NetworkStats,
  savedTo?: string,
  elevation?: ElevationMeta,
  hierarchyEdges?: number,
  lang: Lang = 'en',
): string {
  const T = NETWORK_TEXT[lang];
  const lines: string[] = [];
  const row = (k: string, v: string) => lines.push(T.row(k, v));
  lines.push(T.title(input, s.profile));
  row(T.nodes, int(s.nodes));
  row(T.edges, int(s.edges));
  row(T.links, int(s.links));
  row(T.length, T.km(km(s.lengthKm)));
  for (const [cls, len] of Object.entries(s.lengthKmByClass))
    row(T.roadClass(label(lang, ROAD_CLASS_ZH, cls)), T.km(km(len)));
  row(T.weak, T.largest(int(s.components), int(s.largestComponentNodes)));
  row(T.strong, T.largest(int(s.strongComponents), int(s.largestStrongComponentNodes)));
  row(T.memory, T.memoryValue((s.bytes / 1048576).toFixed(2), s.bytesPerEdge));
  row(T.ways, T.waysValue(int(s.usedWays), int(s.inputWays), int(s.skippedWays)));
  if (s.turnRestrictions) row(T.turns, int(s.turnRestrictions));
  if (elevation)
    row(
      T.elevation,
      T.elevationValue(elevation.model, elevation.source, int(elevation.voidsFilled)),
    );
  if (hierarchyEdges !== undefined) row(T.hierarchy, T.hierarchyValue(int(hierarchyEdges)));
  if (savedTo) row(T.saved, savedTo);
  if (s.warnings.length) {
    lines.push(T.warnings);
    for (const w of s.warnings) {
      lines.push(
        `  ${w.code.padEnd(22)}${int(w.count).padStart(7)}  ${lang === 'zh' ? networkWarningZh(w) : w.message}`,
      );
      lines.push(`  ${''.padEnd(22)}${''.padStart(7)}  ${T.example(w.examples.join(', '))}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
