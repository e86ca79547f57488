import { parseArgs } from 'node:util';
import type { CliIo } from './io';
import { COMMON_OPTIONS } from './option-groups';
import { UsageError } from './usage-error';
import { checkInputCrs } from './input-crs-check';
import { checkEncoding } from './encoding-check';
import { checkSheet } from './sheet-check';
import { type OptionDefs, type OptionValues, optionLines, parseArgsOptions } from './option-spec';

/** What a command's `run` gets: the parsed options, the positionals and where to write. */
export interface CommandRun<O extends OptionDefs> {
  values: OptionValues<O & typeof COMMON_OPTIONS>;
  positionals: string[];
  io: CliIo;
}

/** One `servicereach <name>` command, as written by its file. */
export interface CommandSpec<O extends OptionDefs> {
  name: string;
  /** One line for the command list of `servicereach --help`. */
  summary: string;
  /** The usage after `servicereach <name> `; further lines are aligned under the first. */
  usage: string;
  /** The paragraph under the usage. */
  description: string;
  /** The command's own options, in --help order; `--debug` and `--help` are added. */
  options: O;
  /** Whether it takes positional arguments (a file); otherwise one is a command-line error. */
  positionals?: boolean;
  /** Paragraphs after the options (output formats, how categories are read…). */
  notes?: string;
  /** Example command lines; continuation lines of one example start with two spaces. */
  examples: string[];
  /** A last paragraph (attribution). */
  epilogue?: string;
  /** The work: resolves to the exit code; throws UsageError, ServiceReachError or a bug. */
  run(args: CommandRun<O>): Promise<number>;
}

/** A command ready for `main`. */
export interface Command {
  name: string;
  summary: string;
  /** The --help text. */
  help: string;
  /** Parse `argv` (after the command name) strictly, print --help or run; the exit code. */
  run(argv: string[], io: CliIo): Promise<number>;
}

/**
 * A command from its one definition: the parseArgs declaration and the --help text both come
 * from `options`, so a flag cannot be accepted without being documented, or the reverse.
 * Parsing is strict: an unknown option, a missing value or an unexpected positional throws a
 * parseArgs error, which `main` turns into exit code 2.
 *
 * @param spec - name, texts, options and the function that does the work
 * @example
 * export const helloCommand = defineCommand({
 *   name: 'hello',
 *   summary: 'say hello',
 *   usage: '[--loud]',
 *   description: 'Greets.',
 *   options: { loud: flagOption('in capitals') },
 *   examples: ['servicereach hello --loud'],
 *   async run({ values, io }) {
 *     io.stdout.write(values.loud ? 'HELLO\n' : 'hello\n');
 *     return 0;
 *   },
 * });
 */
export function defineCommand<O extends OptionDefs>(spec: CommandSpec<O>): Command {
  const options = { ...spec.options, ...COMMON_OPTIONS };
  const help = helpText(spec, options);
  return {
    name: spec.name,
    summary: spec.summary,
    help,
    async run(argv, io) {
      const { values, positionals } = parseArgs({
        args: joinNegativeValues(argv, options),
        strict: true,
        allowPositionals: spec.positionals ?? false,
        options: parseArgsOptions(options),
      });
      if (values.help) {
        io.stdout.write(`${help}\n`);
        return 0;
      }
      // `--max-snap ""` would be Number("") = 0 to every number option: no option takes nothing.
      for (const [name, v] of Object.entries(values))
        if (typeof v === 'string' && v.trim() === '')
          throw new UsageError(
            `--${name} needs a value, got "${v}"`,
            spec.name,
            `--${name} 需要一个值，得到 "${v}"`,
          );
      checkInputCrs(values, Object.keys(options), spec.name);
      checkSheet(values, Object.keys(options), spec.name);
      checkEncoding(values, Object.keys(options), spec.name);
      return spec.run({ values: values as CommandRun<O>['values'], positionals, io });
    },
  };
}

// `--k -1` would make parseArgs say the argument "is ambiguous"; joined as `--k=-1`, the option's
// own check answers instead, naming the option and the value.
function joinNegativeValues(argv: string[], options: OptionDefs): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = argv[i + 1];
    const name = a.startsWith('--') && !a.includes('=') ? a.slice(2) : undefined;
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\.?\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

function helpText(spec: CommandSpec<OptionDefs>, options: OptionDefs): string {
  const head = `servicereach ${spec.name} `;
  const [first, ...more] = spec.usage.split('\n');
  const usage = [head + first, ...more.map((l) => ''.padEnd(head.length) + l)].join('\n');
  const examples = spec.examples.flatMap((e) => e.split('\n').map((l) => `  ${l}`));
  return [
    usage,
    spec.description,
    ['Options:', ...optionLines(options)].join('\n'),
    spec.notes,
    [spec.examples.length === 1 ? 'Example:' : 'Examples:', ...examples].join('\n'),
    spec.epilogue,
  ]
    .filter((part) => part !== undefined)
    .join('\n\n');
}
