import { STANDARDS } from '../analysis/standards';
import { CATEGORY_ZH, label, PROFILE_ZH, parseLang } from '../report/lang';
import { type CommandRun, defineCommand } from './command';
import { jsonOption } from './option-groups';
import { stringOption } from './option-spec';

const OPTIONS = {
  json: jsonOption('print the standards as JSON'),
  lang: stringOption('en|zh', 'language (zh: the Chinese names and plan titles)'),
};

/** `servicereach standards`: list the presets. */
export const standardsCommand = defineCommand({
  name: 'standards',
  summary: 'list the built-in accessibility standards and their sources',
  usage: '[--json] [--lang zh]',
  description: `The accessibility standards built in as presets: id, profile, threshold, facility categories
and the plan each comes from. Use one with servicereach coverage --standard <id>.`,
  options: OPTIONS,
  examples: [
    'servicereach standards',
    'servicereach standards --lang zh',
    'servicereach standards --json > standards.json',
  ],
  run: runStandards,
});

async function runStandards({ values, io }: CommandRun<typeof OPTIONS>): Promise<number> {
  const lang = parseLang(values.lang);
  if (values.json) {
    io.stdout.write(`${JSON.stringify(STANDARDS, null, 2)}\n`);
    return 0;
  }
  const lines = STANDARDS.map((s) => {
    if (lang === 'zh') {
      const threshold =
        s.thresholdMinutes !== undefined
          ? `${s.thresholdMinutes} 分钟`
          : `沿路网 ${s.thresholdMeters} 米`;
      const kinds = s.categories.map((c) => label('zh', CATEGORY_ZH, c)).join('、');
      return [
        s.id,
        `  ${s.zh?.title ?? s.title}`,
        `  ${label('zh', PROFILE_ZH, s.profile)}，${threshold}，${s.require === 'all' ? '以下各类均需达标' : '以下任一类达标'}：${kinds}`,
        `  依据：${s.zh?.source ?? s.source}`,
      ].join('\n');
    }
    return [
      `${s.id}`,
      `  ${s.title}`,
      `  ${s.profile}, ${s.thresholdMinutes !== undefined ? `${s.thresholdMinutes} min` : `${s.thresholdMeters} m along the network`}, ${s.require === 'all' ? 'each of' : 'any of'}: ${s.categories.join(', ')}`,
      `  source: ${s.source}`,
    ].join('\n');
  });
  io.stdout.write(`${lines.join('\n\n')}\n`);
  return 0;
}
