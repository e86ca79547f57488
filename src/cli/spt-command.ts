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
  LANG_OPTION,
  maxSnapOption,
  networkOptions,
  outOption,
  quietOption,
} from './option-groups';
import { stringOption } from './option-spec';
import { UsageError } from './usage-error';
import { writeFileAtomic } from '../node/files';
import { parseLang } from '../report/lang';
import { SPT_TEXT } from './tool-command-text';

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
  ...LANG_OPTION,
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
reached node, nearest first; with --lang zh 节点编号,经度,纬度,时间（秒）,起点序号.`,
  examples: [
    'servicereach spt --network ../shared/data/osm/andorra-2025.osm.pbf --from "1.5213,42.5561" --max-minutes 30',
    'servicereach spt --network county.srn --from "100.21,25.60;100.35,25.71" --direction to --out to-clinics.csv',
  ],
  run: runSpt,
});

async function runSpt({ values, io }: CommandRun<typeof OPTIONS>) {
  if (!values.network)
    throw new UsageError('missing --network <roads|.srn>', 'spt', '缺少 --network <路网文件|.srn>');
  if (!values.from)
    throw new UsageError(
      'missing --from "lon,lat[;lon,lat…]"',
      'spt',
      '缺少 --from "经度,纬度[;经度,纬度…]"',
    );
  const lang = parseLang(values.lang);
  const T = SPT_TEXT[lang];
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
  const off: [en: string, zh: string][] = [];
  for (let i = 0; i < tree.starts.snap.count; i++) {
    if (tree.starts.snap.status[i]) {
      const at = [
        i,
        coords[2 * i],
        coords[2 * i + 1],
        Math.round(tree.starts.snap.distanceM[i]),
      ] as const;
      off.push([SPT_TEXT.en.offStart(...at), SPT_TEXT.zh.offStart(...at)]); // spread-ok: 4 numbers
    }
  }
  if (off.length === tree.starts.snap.count)
    throw new InputError('off-network', SPT_TEXT.en.allOff(off.map((o) => o[0])), {
      zh: SPT_TEXT.zh.allOff(off.map((o) => o[1])),
    });
  const rows = [T.header];
  for (const v of tree.reached)
    rows.push(
      `${v},${net.nodeLon(v)},${net.nodeLat(v)},${Math.round(tree.timeS[v] * 1000) / 1000},${tree.source[v]}`,
    );
  const csv = `${rows.join('\n')}\n`;
  if (values.out) writeFileAtomic(values.out, csv);
  else io.stdout.write(csv);
  if (!values.quiet) {
    const lines = [
      T.title(net.meta.profile, direction, tree.reached.length, net.nodeCount, maxMinutes),
    ];
    for (const o of off) lines.push(T.ignored(o[lang === 'zh' ? 1 : 0]));
    if (values.out) lines.push(T.written(values.out));
    (values.out ? io.stdout : io.stderr).write(`${lines.join('\n')}\n`);
  }
  return 0;
}
