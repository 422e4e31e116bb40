// `npm run lint-corpus`: precision and recall of the update linter on the labelled corpus, per rule and overall,
// for the regex time reader the linter uses and for chrono-node; then the real-text figures (issue 27) per tuning
// round's held-out set and overall, per rule; then how long a typical update takes. `--cases` lists every miss
// and false alarm.
import { lintUpdate } from '../src/comms/linter/index.js';
import {
  BEFORE_ANY_CHANGE,
  CRITICISED,
  ROUND_5_BEFORE,
  REAL_UPDATES,
  ROUND_RECORDS,
  heldOutStatements,
  heldOutUpdates,
  type RoundRecord,
} from '../test/fixtures/real-text/index.js';
import { CORPUS, HELD_OUT } from '../test/fixtures/update-corpus/index.js';
import { formatScore, scoreCorpus } from '../test/helpers/lint-corpus-score.js';
import { formatRealText, scoreStatements, scoreUpdates } from '../test/helpers/real-text-score.js';
import { CHRONO_TIMES } from './chrono-times.js';
import { BEFORE_ISSUE_27, lintTiming } from './lint-timing.js';

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
const pct = (a: number, b: number) => `${a}/${b} = ${((a / b) * 100).toFixed(1)}%`;
const recordLine = (r: RoundRecord) =>
  `  round ${r.round} (tuned on ${r.tunedOn}): fair updates with nothing beyond missing facts ${pct(r.updates.strictClean, r.updates.total)}, beyond missing facts and labelled flaws ${pct(r.updates.clean, r.updates.total)}, false errors ${r.updates.falseErrors}; criticised caught for their own fault ${pct(r.statements.caught, r.statements.total)}`;
console.log(
  [
    `\nReal published text (test/fixtures/real-text): ${REAL_UPDATES.length} fair updates from ${new Set(REAL_UPDATES.map((u) => u.provider)).size} providers, ${CRITICISED.length} criticised statements.`,
    'Held-out sets, each measured once before it was tuned on (recorded in test/fixtures/real-text/rounds.ts):',
    recordLine(BEFORE_ANY_CHANGE).replace('round 1 (', 'round 1 BEFORE any change ('),
    ...ROUND_RECORDS.filter((r) => r.round < 5).map(recordLine),
    recordLine(ROUND_5_BEFORE).replace('round 5 (', "round 5 BEFORE its changes, with round 4's rules ("),
    ...ROUND_RECORDS.filter((r) => r.round >= 5).map(recordLine),
  ].join('\n'),
);
for (const r of ROUND_RECORDS)
  console.log(
    formatRealText(
      `\nround ${r.round}'s held-out set with the current linter${r.round < ROUND_RECORDS.length ? ' (tuned on since it was measured: not a held-out figure any more)' : ' (the last held-out set; these rules were not tuned on it)'}`,
      scoreUpdates(heldOutUpdates(r.round)),
      scoreStatements(heldOutStatements(r.round)),
    ),
  );
const realUpdates = scoreUpdates(REAL_UPDATES);
const realStatements = scoreStatements(CRITICISED);
console.log(formatRealText('\nall real text with the current linter (mostly tuned on)', realUpdates, realStatements));
const timing = lintTiming();
console.log(
  `\nspeed, a typical ${timing.chars}-character update: ${timing.coldMs.toFixed(2)} ms cold, ${timing.typingMs.toFixed(2)} ms a keystroke while typing (before issue 27: ${BEFORE_ISSUE_27.coldMs} ms and ${BEFORE_ISSUE_27.typingMs} ms; goal: under 5 ms)`,
);
if (process.argv.includes('--cases')) {
  for (const o of realUpdates.outcomes) if (o.falseAlarms.length) console.log(`  real ${o.id}: false alarm ${o.falseAlarms.join(', ')}`);
  for (const m of realStatements.missed) console.log(`  real ${m.id}: missed ${m.faults.join(' or ')}`);
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
