import type { ReportInput } from '../report/report-html';
import type { Lang } from '../report/lang';

/**
 * The report's input with the language of its text. `reportHtml` reads `lang` ('en' | 'zh') where
 * the report carries its Chinese strings; a `reportHtml` without that option ignores the field, so
 * `--lang zh` still gives Chinese titles (set by the command) and English body text there.
 *
 * @param input - What the command passes to `reportHtml`.
 * @param lang - `--lang`.
 * @returns `input` with `lang` set.
 * @example
 * reportHtml(withLang({ title, roads, facilities, coverage: [result] }, 'zh'));
 */
export function withLang(input: ReportInput, lang: Lang): ReportInput {
  const withText: ReportInput & { lang?: Lang } = { ...input, lang };
  return withText;
}
