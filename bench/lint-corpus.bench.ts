// The linter's row in `npm run bench`: bad updates caught and honest updates left alone on the labelled corpus,
// against the chrono-node time reader measured in the same run (the one the linter does not use).
import { lintUpdate } from '../src/comms/linter/index.js';
import { CORPUS } from '../test/fixtures/update-corpus/index.js';
import { scoreCorpus } from '../test/helpers/lint-corpus-score.js';
import { CHRONO_TIMES } from './chrono-times.js';
import type { BenchRow } from './table.js';

export async function benchLintCorpus(): Promise<BenchRow[]> {
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
  ];
}
