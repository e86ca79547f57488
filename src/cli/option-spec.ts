import { maxOf } from '../geo/min-max';

/** A `--name <value>` option (parseArgs type string). */
export interface StringOption {
  type: 'string';
  /** The value as --help shows it: `<file.csv>`, `car|walk|bicycle`. */
  value: string;
  /** What --help says about it; each `\n` starts a line under the previous one. */
  help: string;
  default?: string;
  short?: string;
}

/** A `--name` switch (parseArgs type boolean, false when absent). */
export interface FlagOption {
  type: 'boolean';
  help: string;
  short?: string;
}

/** The options of a command by name (without the leading `--`). */
export type OptionDefs = Record<string, StringOption | FlagOption>;

/** What parsing `O` gives: switches are booleans, options with a default strings, others optional. */
export type OptionValues<O extends OptionDefs> = {
  [K in keyof O]: O[K] extends FlagOption
    ? boolean
    : O[K] extends { default: string }
      ? string
      : string | undefined;
};

/**
 * A `--name <value>` option.
 *
 * @param value - the value as --help shows it, e.g. `<file.csv>`
 * @param help - its description; `\n` breaks the line
 * @example
 * const out = stringOption('<file.csv>', 'write the CSV there (default: stdout)');
 */
export function stringOption(value: string, help: string): StringOption {
  return { type: 'string', value, help };
}

/**
 * A `--name` switch, false when absent.
 *
 * @param help - its description; `\n` breaks the line
 * @example
 * const each = flagOption('one set of bands per facility');
 */
export function flagOption(help: string): FlagOption {
  return { type: 'boolean', help };
}

/**
 * The `node:util` parseArgs declaration of `options` (switches default to false).
 *
 * @param options - the command's options
 * @example
 * parseArgs({ args, strict: true, options: parseArgsOptions({ json: flagOption('as JSON') }) });
 */
export function parseArgsOptions(options: OptionDefs) {
  const out: Record<
    string,
    { type: 'string' | 'boolean'; short?: string; default?: string | boolean }
  > = {};
  for (const [name, o] of Object.entries(options)) {
    out[name] = { type: o.type };
    if (o.short) out[name].short = o.short;
    if (o.type === 'boolean') out[name].default = false;
    else if (o.default !== undefined) out[name].default = o.default;
  }
  return out;
}

// Descriptions start in one column; a flag longer than this pushes its own text right.
const MAX_FLAG_WIDTH = 28;

/**
 * The Options section of --help: one line per option (more where its text has `\n`), the
 * descriptions aligned in one column.
 *
 * @param options - the command's options, in the order --help lists them
 * @example
 * optionLines({ quiet: flagOption('print nothing but errors') }); // ['  --quiet  print nothing but errors']
 */
export function optionLines(options: OptionDefs): string[] {
  const flags = Object.entries(options).map(([name, o]) => {
    const long = `--${name}${o.type === 'string' ? ` ${o.value}` : ''}`;
    return o.short ? `-${o.short}, ${long}` : long;
  });
  const width = Math.min(MAX_FLAG_WIDTH, maxOf(flags.map((f) => f.length))) + 2;
  return Object.values(options).flatMap((o, i) => {
    const [first, ...rest] = o.help.split('\n');
    const flag = flags[i].length < width - 1 ? flags[i].padEnd(width) : `${flags[i]}  `;
    return [`  ${flag}${first}`, ...rest.map((line) => `  ${''.padEnd(width)}${line}`)];
  });
}
