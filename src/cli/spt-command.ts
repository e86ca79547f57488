import { InputError } from '../errors';
import { loadNetwork } from '../node/load-network';
import { shortestPathTree } from '../search/shortest-path-tree';
import {
  directionOption,
  maxMinutesOption,
  numberOption,
  parseLonLatList,
  profileOption,
} from './options';
import { type CommandRun, defineCommand } from './command';
import {
  elevationOption,
  maxSnapOption,
  networkOptions,
  outOption,
  quietOption,
} from './option-groups';
import { stringOption } from './option-spec';
import { UsageError } from './usage-error';
import { writeFileAtomic } from '../node/files';

const OPTIONS = {
  ...networkOptions({ profile: 'speed profile (default car; a saved .srn keeps its own)' }),
  elevation: elevationOption(),
  from: stringOption('"lon,lat[;lon,lat…]"', 'the start points'),
  'max-minutes': stringOption('<m>', 'stop the search at this travel time'),
  'max-snap': maxSnapOption('start points farther from every road are ignored (default 1000)'),
  direction: {
    ...stringOption('from|to', 'from the start points (default) or towards them'),
    default: 'from',
  },
  out: outOption('<spt.csv>', 'write the CSV there instead of stdout'),
  quiet: quietOption('no summary'),
};

/** `servicereach spt`: shortest-path tree from (or to) one or more points. */
export const sptCommand = defineCommand({
  name: 'spt',
  summary: 'travel time from (or to) points to every node of a network',
  usage: '--network <roads|.srn> --from "lon,lat[;lon,lat…]" [options]',
  description: `Travel time from the start points to every node of the network (the shortest-path tree),
or to the start points with --direction to. Several start points act as one source each;
every node is labelled with the nearest. A start exactly at a node's coordinates starts at
that node with no access time; other starts are snapped onto the nearest road segment.`,
  options: OPTIONS,
  notes: `Output columns: node,lon,lat,timeS,source (source = index of the start point), one row per
reached node, nearest first.`,
  examples: [
    'servicereach spt --network ../shared/data/osm/andorra-2025.osm.pbf --from "1.5213,42.5561" --max-minutes 30',
    'servicereach spt --network county.srn --from "100.21,25.60;100.35,25.71" --direction to --out to-clinics.csv',
  ],
  run: runSpt,
});

async function runSpt({ values, io }: CommandRun<typeof OPTIONS>) {
  if (!values.network) throw new UsageError('missing --network <roads|.srn>', 'spt');
  if (!values.from) throw new UsageError('missing --from "lon,lat[;lon,lat…]"', 'spt');
  const direction = directionOption(values.direction, 'spt');
  const profile = profileOption(values.profile, 'spt');
  const maxMinutes = maxMinutesOption(values['max-minutes'], 'spt');
  const coords = parseLonLatList(values.from);

  const net = await loadNetwork(values.network, { profile, elevation: values.elevation });
  const tree = shortestPathTree(net, coords, {
    direction,
    maxSeconds: maxMinutes === undefined ? undefined : maxMinutes * 60,
    maxSnapDistanceM: numberOption('max-snap', values['max-snap'], 'spt'),
  });
  const off: string[] = [];
  for (let i = 0; i < tree.starts.snap.count; i++) {
    if (tree.starts.snap.status[i])
      off.push(
        `start ${i} (${coords[2 * i]},${coords[2 * i + 1]}) is ${Math.round(tree.starts.snap.distanceM[i])} m from the nearest road`,
      );
  }
  if (off.length === tree.starts.snap.count)
    throw new InputError('off-network', `every start point is off the network: ${off.join('; ')}`);
  const rows = ['node,lon,lat,timeS,source'];
  for (const v of tree.reached)
    rows.push(
      `${v},${net.nodeLon(v)},${net.nodeLat(v)},${Math.round(tree.timeS[v] * 1000) / 1000},${tree.source[v]}`,
    );
  const csv = `${rows.join('\n')}\n`;
  if (values.out) writeFileAtomic(values.out, csv);
  else io.stdout.write(csv);
  if (!values.quiet) {
    const lines = [
      `spt (${net.meta.profile}, ${values.direction}): ${tree.reached.length} of ${net.nodeCount} nodes reached${maxMinutes !== undefined ? ` within ${maxMinutes} min` : ''}`,
    ];
    for (const o of off) lines.push(`  warning: ${o} (off-network, ignored)`);
    if (values.out) lines.push(`  written to ${values.out}`);
    (values.out ? io.stdout : io.stderr).write(`${lines.join('\n')}\n`);
  }
  return 0;
}
