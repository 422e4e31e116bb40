import { lintUpdate } from '../src/comms/linter/index.js';
import { tuningStatements, tuningUpdates } from '../test/fixtures/real-text/index.js';
import { formatRealText, scoreStatements, scoreUpdates } from '../test/helpers/real-text-score.js';
const TU = tuningUpdates(4), TS = tuningStatements(4); const u = scoreUpdates(TU); const s = scoreStatements(TS);
console.log(formatRealText('tuning set', u, s));
if (process.argv.includes('-v')) {
for (const o of u.outcomes) if (o.falseAlarms.length || o.missedFacts.length) { const c = TU.find((x) => x.id === o.id)!;
  const fs = lintUpdate(c.text, { status: c.status }).filter((f) => o.falseAlarms.includes(f.rule) || f.severity==='error' && o.falseErrors.includes(f.rule));
  console.log(`\n${o.id} [${c.status}] FA=${o.falseAlarms} missed=${o.missedFacts}\n  ${c.text.replace(/\n/g,' / ')}\n  ${fs.map((f) => `${f.rule}:"${c.text.slice(f.start, Math.min(f.end, f.start + 60))}"`).join(' | ')}`); }
for (const m of s.missed) { const c = TS.find((x) => x.id === m.id)!; console.log(`\nMISSED ${m.id} ${m.faults} fired=${m.fired}\n  ${c.text}`); }
}
