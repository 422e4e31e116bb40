// `npm run lint-corpus`: precision and recall of the update linter on the labelled corpus, per rule and overall,
// for the regex time reader the linter uses and for chrono-node; `--cases` lists every miss and false alarm.
import { lintUpdate } from '../src/comms/linter/index.js';
import { CORPUS, HELD_OUT } from '../test/fixtures/update-corpus/index.js';
import { formatScore, scoreCorpus } from '../test/helpers/lint-corpus-score.js';
import { CHRONO_TIMES } from './chrono-times.js';

const score = scoreCorpus(CORPUS);
console.log(
  formatScore(
    score,
    `Update linter on ${CORPUS.length} labelled updates (test/fixtures/update-corpus), times read by regular expressions\n`,
  ),
);
const held = scoreCorpus(HELD_OUT);
console.log(
  `\nof which the ${HELD_OUT.length} held-out updates: bad caught ${held.bad.caught}/${held.bad.total}, honest clean ${held.honest.clean}/${held.honest.total}, micro precision ${(held.overall.precision * 100).toFixed(1)}%, recall ${(held.overall.recall * 100).toFixed(1)}%`,
);
const chrono = scoreCorpus(CORPUS, (text, ctx) => lintUpdate(text, ctx, CHRONO_TIMES));
const row = (name: string, s: typeof score) =>
  `${name.padEnd(24)} bad caught ${(s.bad.recall * 100).toFixed(1)}%, honest clean ${(s.honest.rate * 100).toFixed(1)}%, micro precision ${(s.overall.precision * 100).toFixed(1)}%, recall ${(s.overall.recall * 100).toFixed(1)}%; ` +
  ['no-next-update', 'no-since-when', 'untimed-promise']
    .map((id) => {
      const r = s.rules.find((x) => x.rule === id)!;
      return `${id} P ${(r.precision * 100).toFixed(0)}% R ${(r.recall * 100).toFixed(0)}%`;
    })
    .join(', ');
console.log(
  `\ntime reader comparison (the rules that read times):\n${row('regular expressions', score)}\n${row('chrono-node 2.10.3', chrono)}`,
);
if (process.argv.includes('--cases')) {
  for (const [name, s] of [
    ['regex', score],
    ['chrono', chrono],
  ] as const) {
    console.log(`\nwhere it is wrong (${name}):`);
    for (const o of s.outcomes) {
      if (o.missed.length || o.falseAlarms.length)
        console.log(
          `  ${o.id}: ${o.missed
            .map((r) => `missed ${r}`)
            .concat(o.falseAlarms.map((r) => `false alarm ${r}`))
            .join(', ')}`,
        );
    }
  }
}
