import { type Lang, ZH_TAGS } from '../report/lang';

/**
 * The `--lang` of a command line, read from the raw arguments: an error may come before the
 * options are parsed (an unknown option) or from parsing them, and is still printed in the
 * language asked for. The last `--lang` wins, as when parsed; anything but zh is English (a bad
 * value is the command's own error).
 *
 * @param args - The arguments after the command name.
 * @returns `zh` when `--lang zh` (or `zh-CN`, `zh-Hans`) is given, else `en`.
 * @example
 * argsLang(['--villages', 'v.csv', '--lang', 'zh']); // 'zh'
 */
export function argsLang(args: readonly string[]): Lang {
  let lang: Lang = 'en';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    const value = a === '--lang' ? args[++i] : a.startsWith('--lang=') ? a.slice(7) : undefined;
    if (value !== undefined) lang = ZH_TAGS.includes(value) ? 'zh' : 'en';
  }
  return lang;
}
