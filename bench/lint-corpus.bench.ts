// The linter's rows in `npm run bench`: bad updates caught and honest updates left alone on the labelled corpus,
// against the chrono-node time reader measured in the same run (the one the linter does not use); real published
// text (issue 27) against the last held-out round; and the time a typical update takes.
import { lintUpdate } from '../src/comms/linter/index.js';
import { CRITICISED, REAL_UPDATES, ROUND_RECORDS } from '../test/fixtures/real-text/index.js';
import { CORPUS } from '../test/fixtures/update-corpus/index.js';
import { scoreCorpus } from '../test/helpers/lint-corpus-score.js';
import { scoreStatements, scoreUpdates } from '../test/helpers/real-text-score.js';
import { BEFORE_ISSUE_27, lintTiming } from './lint-timing.js';
import { CHRONO_TIMES } from './chrono-times.js';
import type { BenchRow } from './table.js';

export async function benchLintCorpus(): Promise<BenchRow[]> {
  return [...labelledRows()];
}

function labelledRows(): BenchRow[] {
  const regex = scoreCorpus(CORPUS);
  const chrono = scoreCorpus(CORPUS, (text, ctx) => lintUpdate(text, ctx, CHRONO_TIMES));
  const pct = (x: number) => x * 100;
  return [
    {
      what: `linter: bad updates caught (${regex.bad.total} in the corpus)`,
      figure: pct(regex.bad.recall),
      unit: '%',
      baseline: { what: 'same rules, chrono-node times', figure: pct(chrono.bad.recall), unit: '%' },
      target: '>= 90%',
      met: regex.bad.recall >= 0.9,
    },
    {
      what: `linter: honest updates with no error or warning (${regex.honest.total})`,
      figure: pct(regex.honest.rate),
      unit: '%',
      baseline: { what: 'same rules, chrono-node times', figure: pct(chrono.honest.rate), unit: '%' },
      target: '>= 95%',
      met: regex.honest.rate >= 0.95,
    },
    {
      what: 'linter: precision / recall over all rule labels',
      figure: pct(regex.overall.precision),
      unit: `% / ${pct(regex.overall.recall).toFixed(1)}%`,
      target: '-',
      met: true,
      note: 'per rule: npm run lint-corpus',
    },
    ...realTextRows(),
  ];
}

/** Issue 27: real published text, next to the last held-out round (measured once, before it was tuned on). */
function realTextRows(): BenchRow[] {
  const last = ROUND_RECORDS[ROUND_RECORDS.length - 1]!;
  const updates = scoreUpdates(REAL_UPDATES);
  const statements = scoreStatements(CRITICISED);
  const timing = lintTiming(100);
  return [
    {
      what: `linter: fair real updates with no false alarm (${updates.total})`,
      figure: (updates.clean / updates.total) * 100,
      unit: '%',
      baseline: { what: `round ${last.round} held-out, measured once`, figure: (last.updates.clean / last.updates.total) * 100, unit: '%' },
      target: '>= 90%',
      met: updates.clean / updates.total >= 0.9 && updates.withFalseError === 0,
      note: `false errors: ${updates.withFalseError}`,
    },
    {
      what: `linter: criticised statements caught for their own fault (${statements.total})`,
      figure: (statements.caught / statements.total) * 100,
      unit: '%',
      baseline: {
        what: `round ${last.round} held-out, measured once`,
        figure: (last.statements.caught / last.statements.total) * 100,
        unit: '%',
      },
      target: '>= 80% held-out',
      met: last.statements.caught / last.statements.total >= 0.8,
    },
    {
      what: `linter: a typical ${timing.chars}-character update, cold`,
      figure: timing.coldMs,
      unit: 'ms',
      baseline: { what: 'before issue 27 (no parts of speech)', figure: BEFORE_ISSUE_27.coldMs, unit: 'ms' },
      target: '< 5 ms',
      met: timing.coldMs < 5,
      note: `${timing.typingMs.toFixed(2)} ms a keystroke while typing`,
    },
  ];
}
