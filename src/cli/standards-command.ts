import { STANDARDS } from '../analysis/standards';
import { type CommandRun, defineCommand } from './command';
import { jsonOption } from './option-groups';

const OPTIONS = { json: jsonOption('print the standards as JSON') };

/** `servicereach standards`: list the presets. */
export const standardsCommand = defineCommand({
  name: 'standards',
  summary: 'list the built-in accessibility standards and their sources',
  usage: '[--json]',
  description: `The accessibility standards built in as presets: id, profile, threshold, facility categories
and the plan each comes from. Use one with servicereach coverage --standard <id>.`,
  options: OPTIONS,
  examples: ['servicereach standards', 'servicereach standards --json > standards.json'],
  run: runStandards,
});

async function runStandards({ values, io }: CommandRun<typeof OPTIONS>): Promise<number> {
  if (values.json) {
    io.stdout.write(`${JSON.stringify(STANDARDS, null, 2)}\n`);
    return 0;
  }
  const lines = STANDARDS.map((s) =>
    [
      `${s.id}`,
      `  ${s.title}`,
      `  ${s.profile}, ${s.thresholdMinutes !== undefined ? `${s.thresholdMinutes} min` : `${s.thresholdMeters} m along the network`}, ${s.require === 'all' ? 'each of' : 'any of'}: ${s.categories.join(', ')}`,
      `  source: ${s.source}`,
    ].join('\n'),
  );
  io.stdout.write(`${lines.join('\n\n')}\n`);
  return 0;
}
