import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { csvField } from '../report/csv-field';
import { loadNetwork } from '../node/load-network';
import { readPointsFile } from '../node/read-points-file';
import { withSearchPool } from '../node/search-pool';
import { route } from '../search/route';
import { travelTimeMatrix } from '../search/travel-time-matrix';
import { pointCoords } from '../points/indexed-point';
import { maxMinutesOption, parseLonLatList, profileOption, threadsOption } from './options';
import { UsageError } from './usage-error';

export const ROUTE_HELP = `servicereach route --network <roads|.srn> --from lon,lat --to lon,lat [options]

The fastest route between two points, with its time, length and geometry.

Options:
  --profile car|walk|bicycle   speed profile (default car)
  --out <route.geojson>        write the route as a GeoJSON LineString feature
  --json                       print the route (with coordinates) as JSON
  --debug, -h/--help

Example:
  servicereach route --network ../shared/data/osm/andorra-2025.osm.pbf --from 1.5213,42.5561 --to 1.5342,42.5710`;

export const MATRIX_HELP = `servicereach matrix --network <roads|.srn> --from <villages> --to <facilities> --out m.csv [options]

Travel times from every village to every facility (one search per village).

Options:
  --profile car|walk|bicycle   speed profile (default car)
  --max-minutes <m>            pairs farther apart are left empty
  --id-field, --lon-field, --lat-field   as for nearest
  --out <m.csv>                CSV from,to,timeS (long format; empty timeS = not reachable within the limit)
  --threads <n>                run the searches on n worker threads (default 1; same numbers)
  --debug, -h/--help

Example:
  servicereach matrix --network county.srn --from villages.csv --to clinics.geojson --max-minutes 90 --out od.csv`;

/** `servicereach route`. */
export async function routeCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      network: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      profile: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
      debug: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${ROUTE_HELP}\n`);
    return 0;
  }
  if (!values.network || !values.from || !values.to)
    throw new UsageError('route needs --network, --from lon,lat and --to lon,lat', 'route');
  const [fx, fy] = parseLonLatList(values.from);
  const [tx, ty] = parseLonLatList(values.to);
  const net = await loadNetwork(values.network, {
    profile: profileOption(values.profile, 'route'),
  });
  const r = route(net, [fx, fy], [tx, ty]);
  const feature = {
    type: 'Feature',
    properties: {
      status: r.status,
      timeS: r.timeS,
      minutes: r.timeS / 60,
      distanceM: r.distanceM,
      profile: net.meta.profile,
      stroke: '#d7191c',
      'stroke-width': 3,
    },
    geometry: { type: 'LineString', coordinates: r.coordinates },
  };
  if (values.out) writeFileSync(values.out, JSON.stringify(feature));
  if (values.json)
    process.stdout.write(
      `${JSON.stringify(r.status === 'ok' ? r : { ...r, timeS: null, distanceM: null })}\n`,
    );
  else
    process.stdout.write(
      r.status === 'ok'
        ? `route (${net.meta.profile}): ${(r.timeS / 60).toFixed(1)} min, ${(r.distanceM / 1000).toFixed(2)} km, ${r.nodes.length} nodes${values.out ? `, written to ${values.out}` : ''}\n`
        : `route (${net.meta.profile}): no route — ${r.status}\n`,
    );
  return r.status === 'ok' ? 0 : 1;
}

/** `servicereach matrix`. */
export async function matrixCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      network: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      profile: { type: 'string' },
      'max-minutes': { type: 'string' },
      'id-field': { type: 'string' },
      'lon-field': { type: 'string' },
      'lat-field': { type: 'string' },
      out: { type: 'string' },
      threads: { type: 'string' },
      debug: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${MATRIX_HELP}\n`);
    return 0;
  }
  if (!values.network || !values.from || !values.to)
    throw new UsageError(
      'matrix needs --network, --from <villages> and --to <facilities>',
      'matrix',
    );
  const maxMinutes = maxMinutesOption(values['max-minutes'], 'matrix');
  const read = {
    idField: values['id-field'],
    lonField: values['lon-field'],
    latField: values['lat-field'],
  };
  const origins = readPointsFile(values.from, read);
  const destinations = readPointsFile(values.to, read);
  const net = await loadNetwork(values.network, {
    profile: profileOption(values.profile, 'matrix'),
  });
  const threads = threadsOption(values.threads, 'matrix', 1);
  const opts = { maxSeconds: maxMinutes === undefined ? undefined : maxMinutes * 60 };
  const m =
    threads > 1
      ? await withSearchPool(net, { threads }, (pool) =>
          pool.travelTimeMatrix(pointCoords(origins), pointCoords(destinations), opts),
        )
      : travelTimeMatrix(net, pointCoords(origins), pointCoords(destinations), opts);
  const rows = ['from,to,timeS'];
  origins.forEach((o, i) => {
    destinations.forEach((d, j) => {
      const t = m.timeS[i * m.destinations + j];
      rows.push(
        `${csvField(o.id ?? i)},${csvField(d.id ?? j)},${t === Infinity ? '' : Math.round(t * 1000) / 1000}`,
      );
    });
  });
  const csv = `${rows.join('\n')}\n`;
  if (values.out) writeFileSync(values.out, csv);
  else process.stdout.write(csv);
  return 0;
}
