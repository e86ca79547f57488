import { ServiceReachError } from '../errors';
import { accessCommand } from './access-command';
import { coverageCommand, standardsCommand } from './coverage-command';
import { demoCommand } from './demo-command';
import { extractCommand } from './extract-command';
import { isochroneCommand } from './isochrone-command';
import { siteCommand } from './site-command';
import { nearestCommand } from './nearest-command';
import { networkCommand } from './network-command';
import { matrixCommand, routeCommand } from './route-matrix-commands';
import { sptCommand } from './spt-command';
import { UsageError } from './usage-error';

/**
 * Exit codes: 0 success · 1 the input data is wrong (missing file, bad format, bad coordinates,
 * nothing routable) · 2 the command line is wrong · 3 an unexpected internal error (a bug: please
 * report it with the `--debug` output).
 */
export const EXIT = { ok: 0, input: 1, usage: 2, internal: 3 } as const;

const COMMANDS: Record<string, { run: (argv: string[]) => Promise<number>; summary: string }> = {
  network: {
    run: networkCommand,
    summary: 'build a road network from OSM or GeoJSON and print its statistics',
  },
  nearest: {
    run: nearestCommand,
    summary: 'k nearest facilities for every village, straight-line or by travel time',
  },
  spt: { run: sptCommand, summary: 'travel time from (or to) points to every node of a network' },
  matrix: { run: matrixCommand, summary: 'travel times from every village to every facility' },
  route: { run: routeCommand, summary: 'the fastest route between two points, with geometry' },
  coverage: {
    run: coverageCommand,
    summary: 'villages inside / outside a service circle, population and reasons',
  },
  isochrone: {
    run: isochroneCommand,
    summary: 'polygons reachable within 15, 30… minutes of facilities',
  },
  extract: {
    run: extractCommand,
    summary: 'villages or facilities from an OSM extract as GeoJSON points',
  },
  site: { run: siteCommand, summary: 'where new facilities bring the most people within reach' },
  access: {
    run: accessCommand,
    summary: 'capacity per 1,000 residents within reach (2SFCA, enhanced, Gaussian)',
  },
  demo: { run: demoCommand, summary: 'the whole workflow on the bundled synthetic county' },
  standards: {
    run: standardsCommand,
    summary: 'list the built-in accessibility standards and their sources',
  },
};

const MAIN_HELP = `servicereach — service-accessibility analysis on road networks

Usage: servicereach <command> [options]     (servicereach <command> --help for details)

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(12)}${c.summary}`)
  .join('\n')}

Exit codes: 0 ok, 1 bad input data, 2 bad command line, 3 internal error.`;

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const debug = argv.includes('--debug');
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${MAIN_HELP}\n`);
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`);
    return await command.run(rest);
  } catch (e) {
    if (debug) process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
    if (e instanceof UsageError || (e as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`servicereach${command ? ` ${name}` : ''}: ${(e as Error).message}\n`);
      process.stderr.write(
        command ? `Run "servicereach ${name} --help" for usage.\n` : `${MAIN_HELP}\n`,
      );
      return EXIT.usage;
    }
    if (e instanceof ServiceReachError) {
      process.stderr.write(`servicereach ${name}: error [${e.code}]: ${e.message}\n`);
      return EXIT.input;
    }
    process.stderr.write(
      `servicereach ${name}: internal error: ${(e as Error)?.message ?? String(e)}${debug ? '' : ' (rerun with --debug for the stack trace)'}\n`,
    );
    return EXIT.internal;
  }
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`servicereach: internal error: ${String(e)}\n`);
    process.exitCode = EXIT.internal;
  },
);
