import { heldOutStatements, heldOutUpdates } from '../test/fixtures/real-text/index.js';
import { formatRealText, scoreStatements, scoreUpdates } from '../test/helpers/real-text-score.js';
const r = Number(process.argv[2] ?? 2);
console.log(formatRealText(`held-out round ${r} (${heldOutUpdates(r).length} updates, ${heldOutStatements(r).length} statements)`, scoreUpdates(heldOutUpdates(r)), scoreStatements(heldOutStatements(r))));
