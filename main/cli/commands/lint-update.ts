import { hasErrors, lineCol, lintUpdate, type Finding, type LintContext } from '../../../src/comms/linter/index.js';
import { DRAFT_AUDIENCES, DRAFT_CHANNELS, INCIDENT_STATUSES } from '../../../src/model/vocabulary.js';
import { onePositional } from '../args.js';
import { oneOf, optional, readInput, UsageError, type Command, type Values } from '../command.js';

export const lintUpdateCommand: Command = {
  name: 'lint-update',
  summary: 'check a customer update for phrases that anger customers; exit 1 on any error-level finding',
  usage: `warroom lint-update FILE|- [--json] [--status ${INCIDENT_STATUSES.join('|')}] [--audience ${DRAFT_AUDIENCES.join('|')}] [--channel ${DRAFT_CHANNELS.join('|')}] [--customers N] [--allow-word WORD[,WORD...]]...`,
  options: {
    json: { type: 'boolean' },
    status: { type: 'string' },
    audience: { type: 'string' },
    channel: { type: 'string' },
    customers: { type: 'string' },
    // The team's own words customers know (product names, regions, public cluster names): never jargon or hosts.
    'allow-word': { type: 'string', multiple: true },
  },
  optionHelp: {
    json: 'print the findings as JSON (rule, severity, message, start, end, suggestion)',
    status: 'the incident status the update is written for (some phrases fit only some)',
    audience: `who reads it: ${DRAFT_AUDIENCES.join(', ')}`,
    channel: `where it goes: ${DRAFT_CHANNELS.join(', ')}`,
    customers: 'how many customers are affected, to catch "a small number" when it is not',
  },
  choices: { status: INCIDENT_STATUSES, audience: DRAFT_AUDIENCES, channel: DRAFT_CHANNELS },
  examples: ['warroom lint-update update.txt', 'echo "We apologise for any inconvenience." | warroom lint-update -'],
  async run(ctx) {
    const source = onePositional(ctx, 'give one file to check, or - to read standard input');
    const context = lintContextFrom(ctx.values);
    const text = await readInput(ctx, source);
    const findings = lintUpdate(text, context);
    if (ctx.values.json) {
      ctx.out(
        JSON.stringify(
          findings.map(({ rule, severity, message, start, end, suggestion }) => ({ rule, severity, message, start, end, suggestion })),
          null,
          2,
        ),
      );
    } else {
      const name = source === '-' ? '<stdin>' : source;
      for (const f of findings) ctx.out(describe(name, text, f));
      ctx.out(tally(findings));
    }
    return hasErrors(findings) ? 1 : 0;
  },
};

function lintContextFrom(values: Values): LintContext {
  const context: LintContext = {};
  const status = oneOf(values, 'status', INCIDENT_STATUSES);
  const audience = oneOf(values, 'audience', DRAFT_AUDIENCES);
  const channel = oneOf(values, 'channel', DRAFT_CHANNELS);
  if (status) context.status = status;
  if (audience) context.audience = audience;
  if (channel) context.channel = channel;
  const allowWords = allowWordsFrom(values['allow-word']);
  if (allowWords.length > 0) context.allowWords = allowWords;
  const customers = optional(values, 'customers');
  if (customers !== undefined) {
    if (!/^\d{1,9}$/.test(customers)) throw new UsageError('--customers must be a whole number');
    context.affectedCustomers = Number(customers);
  }
  return context;
}

/** --allow-word, repeatable and comma-separated; each word is short and printable, or the call is refused. */
function allowWordsFrom(raw: Values[string]): string[] {
  const given = raw === undefined ? [] : (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
  const words = given
    .flatMap((v) => v.split(','))
    .map((w) => w.trim())
    .filter((w) => w !== '');
  for (const w of words)
    if (w.length > 80 || [...w].some((c) => c.charCodeAt(0) < 32))
      throw new UsageError(`--allow-word "${w.slice(0, 40)}" must be a word or name under 80 characters`);
  if (words.length > 500) throw new UsageError('--allow-word takes at most 500 words');
  return words;
}

function describe(name: string, text: string, f: Finding): string {
  const { line, col } = lineCol(text, f.start);
  const quoted = text.slice(f.start, f.end).replace(/\s+/g, ' ');
  const excerpt = f.end - f.start > 0 && f.end - f.start <= 80 ? ` "${quoted}"` : '';
  return `${name}:${line}:${col}: ${f.severity} ${f.rule}${excerpt}\n  ${f.message}\n  fix: ${f.suggestion}`;
}

function tally(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'no findings';
  const count = (s: Finding['severity']): number => findings.filter((f) => f.severity === s).length;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info`;
}
