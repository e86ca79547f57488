import { ServiceReachError } from '../errors';
import { accessCommand } from './access-command';
import { argsLang } from './args-lang';
import type { Command } from './command';
import { coverageCommand } from './coverage-command';
import { demoCommand } from './demo-command';
import { extractCommand } from './extract-command';
import { type CliIo, processIo } from './io';
import { isochroneCommand } from './isochrone-command';
import { matrixCommand } from './matrix-command';
import { nearestCommand } from './nearest-command';
import { networkCommand } from './network-command';
import { routeCommand } from './route-command';
import { siteCommand } from './site-command';
import { sptCommand } from './spt-command';
import { standardsCommand } from './standards-command';
import { toursCommand } from './tours-command';
import { UsageError } from './usage-error';

/**
 * Exit codes: 0 success · 1 the input data is wrong (missing file, bad format, bad coordinates,
 * nothing routable) · 2 the command line is wrong · 3 an unexpected internal error (a bug: please
 * report it with the `--debug` output).
 */
export const EXIT = { ok: 0, input: 1, usage: 2, internal: 3 } as const;

/** Every command, in the order `servicereach --help` lists them. */
export const COMMANDS: readonly Command[] = [
  networkCommand,
  nearestCommand,
  sptCommand,
  matrixCommand,
  routeCommand,
  coverageCommand,
  isochroneCommand,
  extractCommand,
  siteCommand,
  accessCommand,
  demoCommand,
  standardsCommand,
  toursCommand,
];

const MAIN_HELP = `servicereach — service-accessibility analysis on road networks

Usage: servicereach <command> [options]     (servicereach <command> --help for details)

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(12)}${c.summary}`).join('\n')}

Exit codes: 0 ok, 1 bad input data, 2 bad command line, 3 internal error.`;

/**
 * Run the CLI in this process: nothing calls `process.exit`, so tests and embedders get the exit
 * code back and the output in `io`.
 *
 * @param argv - the arguments after node and the script, e.g. `['network', 'roads.osm.pbf']`
 * @param io - where output goes (default: process.stdout and process.stderr)
 * @example
 * process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  const debug = argv.includes('--debug');
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${MAIN_HELP}\n`);
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  // Errors in the language of the run: `--lang zh` gives `错误 [code]：` and the Chinese message
  // where the error has one (the English one otherwise); codes and option names stay as typed.
  const zh = argsLang(rest) === 'zh';
  const errorHead = (code: string) => (zh ? `错误 [${code}]：` : `error [${code}]: `);
  try {
    if (!command)
      throw new UsageError(`unknown command "${name}"`, undefined, `没有 "${name}" 这个命令`);
    return await command.run(rest, io);
  } catch (e) {
    if (debug) io.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
    const code = (e as { code?: unknown })?.code;
    if (
      e instanceof UsageError ||
      (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))
    ) {
      const text = (e instanceof UsageError && zh && e.zh) || (e as Error).message;
      io.stderr.write(
        `servicereach${command ? ` ${name}` : ''}: ${zh ? '用法错误：' : ''}${text}\n`,
      );
      io.stderr.write(
        !command
          ? `${MAIN_HELP}\n`
          : zh
            ? `用法见 "servicereach ${name} --help"。\n`
            : `Run "servicereach ${name} --help" for usage.\n`,
      );
      return EXIT.usage;
    }
    if (e instanceof ServiceReachError) {
      const text = (zh && e.zh) || e.message;
      io.stderr.write(
        `servicereach ${name}: ${errorHead(e.code)}${villagesFile(e, rest, zh)}${text}\n`,
      );
      return EXIT.input;
    }
    // A file-system error that escaped the readers and writers is the environment's, not a bug.
    const sys = e as { code?: unknown; syscall?: unknown; path?: unknown };
    if (typeof sys?.code === 'string' && typeof sys.syscall === 'string') {
      io.stderr.write(`servicereach ${name}: ${errorHead(sys.code)}${(e as Error).message}\n`);
      return EXIT.input;
    }
    const message = (e as Error)?.message ?? String(e);
    io.stderr.write(
      zh
        ? `servicereach ${name}: 内部错误：${message}${debug ? '' : '（加 --debug 重新运行可看到调用栈）'}\n`
        : `servicereach ${name}: internal error: ${message}${debug ? '' : ' (rerun with --debug for the stack trace)'}\n`,
    );
    return EXIT.internal;
  }
}

// The analyses read a village's population from its properties without knowing the file it came
// from; the command line does: `--villages x.geojson` (or nearest's `--from`) names it.
function villagesFile(e: ServiceReachError, args: string[], zh: boolean): string {
  if (e.code !== 'invalid-population') return '';
  // A bad line of the --population table is named by the message already.
  const table = optionValue(args, '--population');
  if (table && e.message.includes(table)) return '';
  for (const flag of ['--villages', '--from']) {
    const path = optionValue(args, flag);
    if (path && !e.message.includes(path)) return zh ? `${path}：` : `${path}: `;
  }
  return '';
}

// The value of `--flag value` or `--flag=value` among the raw arguments.
function optionValue(args: string[], flag: string): string | undefined {
  const at = args.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
  if (at < 0) return undefined;
  return args[at].includes('=') ? args[at].slice(flag.length + 1) : args[at + 1];
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';
