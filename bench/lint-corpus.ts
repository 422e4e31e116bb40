// `npm run lint-corpus`: precision and recall of the update linter on the labelled corpus, per rule and overall,
// with every miss and false alarm listed (`--cases`).
import { CORPUS } from '../test/fixtures/update-corpus/index.js';
import { formatScore, scoreCorpus } from '../test/helpers/lint-corpus-score.js';

const score = scoreCorpus(CORPUS);
console.log(formatScore(score, `Update linter on ${CORPUS.length} labelled updates (test/fixtures/update-corpus)\n`));
if (process.argv.includes('--cases')) {
  console.log('\nwhere it is wrong:');
  for (const o of score.outcomes) {
    if (o.missed.length || o.falseAlarms.length) console.log(`  ${o.id}: ${o.missed.map((r) => `missed ${r}`).concat(o.falseAlarms.map((r) => `false alarm ${r}`)).join(', ')}`);
  }
}
