import { lintUpdate } from '../src/comms/linter/index.js';
import { heldOutStatements, heldOutUpdates } from '../test/fixtures/real-text/index.js';
import { scoreStatements, scoreUpdates } from '../test/helpers/real-text-score.js';
const U = heldOutUpdates(1), S = heldOutStatements(1);
const u = scoreUpdates(U); const s = scoreStatements(S);
for (const o of u.outcomes) if (o.falseAlarms.length) { const c = U.find((x) => x.id === o.id)!;
  const fs = lintUpdate(c.text, { status: c.status }).filter((f) => o.falseAlarms.includes(f.rule));
  console.log(`\n${o.id} [${c.status}] FA=${o.falseAlarms}\n  ${c.text.replace(/\n/g,' / ')}\n  ${fs.map((f) => `${f.rule}:"${c.text.slice(f.start, Math.min(f.end, f.start + 60))}"`).join(' | ')}`); }
for (const m of s.missed) { const c = S.find((x) => x.id === m.id)!; console.log(`\nMISSED ${m.id} ${m.faults} fired=${m.fired}\n  ${c.text}`); }
