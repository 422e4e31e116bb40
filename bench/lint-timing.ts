// How long the linter takes on a typical update, as the drafts pane calls it: once cold (every sentence new, as
// when a draft opens) and while typing (one sentence changes per keystroke, the others' parts of speech cached).
import { lintUpdate } from '../src/comms/linter/index.js';

export const TYPICAL_UPDATE =
  'Since 14:02 UTC, card payments at checkout are failing for about 1,200 customers in the EU region, and some refunds are delayed. We have found that our primary database stopped accepting writes while replicating to its replicas, and we are moving traffic to a standby in another zone. Customers in the US and Asia are not affected. We know many of you run your shops on this, and we are sorry: for over an hour you could not take card payments. Please do not retry payments by hand; we will retry them for you. Next update at 15:00 UTC, or sooner if anything changes.';

/** Measured the same way on the linter before issue 27 (commit 1d7d165, no parts of speech), on this machine. */
export const BEFORE_ISSUE_27 = { coldMs: 0.28, typingMs: 0.41 };

export function lintTiming(rounds = 300): { chars: number; coldMs: number; typingMs: number } {
  const lint = (t: string) => lintUpdate(t, { status: 'investigating' });
  for (let i = 0; i < 50; i++) lint(`${TYPICAL_UPDATE} w${i}`);
  let t0 = performance.now();
  for (let i = 0; i < rounds; i++) lint(TYPICAL_UPDATE.replace(/card/g, `card${i}`).replace(/customers/g, `customers${i}`) + ` x${i}`);
  const coldMs = (performance.now() - t0) / rounds;
  t0 = performance.now();
  for (let i = 0; i < rounds; i++) lint(`${TYPICAL_UPDATE} Thanks${'x'.repeat(i % 40)}`);
  const typingMs = (performance.now() - t0) / rounds;
  return { chars: TYPICAL_UPDATE.length, coldMs, typingMs };
}
