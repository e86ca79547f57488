import { loadNetwork } from '../node/load-network';
import { route } from '../search/route';
import { type CommandRun, defineCommand } from './command';
import {
  elevationOption,
  jsonOption,
  maxSnapOption,
  networkOptions,
  outOption,
} from './option-groups';
import { stringOption } from './option-spec';
import { numberOption, parseLonLatList, profileOption } from './options';
import { UsageError } from './usage-error';
import { writeFileAtomic } from '../node/files';
import { parseLang } from '../report/lang';
import { ROUTE_TEXT } from './tool-command-text';

const OPTIONS = {
  ...networkOptions(),
  elevation: elevationOption(),
  from: stringOption('lon,lat', 'where the route starts'),
  to: stringOption('lon,lat', 'where it ends'),
  'max-snap': maxSnapOption('an end farther from every road is off-network (default 1000)'),
  out: outOption('<route.geojson>', 'write the route as a GeoJSON LineString feature'),
  json: jsonOption('print the route (with coordinates) as JSON'),
  lang: stringOption('en|zh', 'language of the summary and messages (default en; zh: 简体中文)'),
};

/** `servicereach route`. */
export const routeCommand = defineCommand({
  name: 'route',
  summary: 'the fastest route between two points, with geometry',
  usage: '--network <roads|.srn> --from lon,lat --to lon,lat [options]',
  description: 'The fastest route between two points, with its time, length and geometry.',
  options: OPTIONS,
  examples: [
    'servicereach route --network ../shared/data/osm/andorra-2025.osm.pbf --from 1.5213,42.5561 --to 1.5342,42.5710',
  ],
  run: runRoute,
});

async function runRoute({ values, io }: CommandRun<typeof OPTIONS>) {
  if (!values.network || !values.from || !values.to)
    throw new UsageError(
      'route needs --network, --from lon,lat and --to lon,lat',
      'route',
      'route 需要 --network、--from 经度,纬度 和 --to 经度,纬度',
    );
  const T = ROUTE_TEXT[parseLang(values.lang)];
  const [fx, fy] = parseLonLatList(values.from);
  const [tx, ty] = parseLonLatList(values.to, 'to');
  const net = await loadNetwork(values.network, {
    elevation: values.elevation,
    profile: profileOption(values.profile, 'route'),
  });
  const r = route(net, [fx, fy], [tx, ty], {
    maxSnapDistanceM: numberOption('max-snap', values['max-snap'], 'route'),
  });
  // Which road each end joined the network by, and how far off-road: the nearest road, or the
  // main network when the nearest is cut off from it.
  const [start, end] = r.entries;
  const feature = {
    type: 'Feature',
    properties: {
      status: r.status,
      timeS: r.timeS,
      minutes: r.timeS / 60,
      distanceM: r.distanceM,
      profile: net.meta.profile,
      fromEntry: start?.entry ?? null,
      fromOffRoadM: start?.offRoadM ?? null,
      toEntry: end?.entry ?? null,
      toOffRoadM: end?.offRoadM ?? null,
      stroke: '#d7191c',
      'stroke-width': 3,
    },
    geometry: { type: 'LineString', coordinates: r.coordinates },
  };
  if (values.out) writeFileAtomic(values.out, JSON.stringify(feature));
  if (values.json)
    io.stdout.write(
      `${JSON.stringify(r.status === 'ok' ? r : { ...r, timeS: null, distanceM: null })}\n`,
    );
  else
    io.stdout.write(
      r.status === 'ok'
        ? `${T.found(net.meta.profile, (r.timeS / 60).toFixed(1), (r.distanceM / 1000).toFixed(2), r.nodes.length, values.out)}\n` +
            `${T.ends(describeEntry(start, T), describeEntry(end, T))}\n`
        : `${T.none(net.meta.profile, r.status)}\n`,
    );
  return r.status === 'ok' ? 0 : 1;
}

/** `nearest road, 12 m off-road` (or `接入最近道路，离路 12 米`) for one end of a route. */
function describeEntry(
  e: { entry: string; offRoadM: number } | undefined,
  T: (typeof ROUTE_TEXT)['en' | 'zh'],
): string {
  if (!e) return T.notOnNetwork;
  return T.entry(e.entry === 'main-network', Math.round(e.offRoadM));
}
