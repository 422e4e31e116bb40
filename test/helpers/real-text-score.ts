// Scores the update linter on real published text (test/fixtures/real-text): fair updates that should draw
// nothing beyond a fact they really lack, and criticised statements that should be flagged for their own fault.
// Used by the real-text test and `npm run lint-corpus`.
import { lintUpdate, type Finding } from '../../src/comms/linter/index.js';
import { sentences } from '../../src/comms/linter/scan.js';
import { RULE_OF_MISSING, type CriticisedStatement, type RealUpdate } from '../fixtures/real-text/index.js';
import type { Linter } from './lint-corpus-score.js';

const blocks = (f: Finding): boolean => f.severity !== 'info';

// "We will provide an update as soon as possible": the untimed promise of an update is the missing next-update
// time itself, said a second way, not a separate fault.
const PROMISES_UPDATE =
  /\b(?:updates?|follow[- ]?up|more\s+(?:information|details)|further\s+(?:detail|details|information)|share|post|keep\s+you|let\s+you\s+know|inform)\b/i;

function sameFactAsNextUpdate(text: string, f: Finding): boolean {
  if (f.rule !== 'untimed-promise') return false;
  const s = sentences(text).find((x) => f.start >= x.start && f.start < x.end);
  return s !== undefined && PROMISES_UPDATE.test(s.text);
}

export interface UpdateOutcome {
  id: string;
  /** Error or warning rules that fired beyond the facts the update really lacks (and its labelled flaws). */
  falseAlarms: string[];
  /** Of those, the ones at error severity. */
  falseErrors: string[];
  /** Beyond the missing facts only (labelled flaws count against it). */
  beyondMissing: string[];
  /** Missing facts the linter did not name. */
  missedFacts: string[];
}

export interface UpdatesScore {
  total: number;
  /** No error or warning beyond the facts really missing: the acceptance figure. */
  strictClean: number;
  /** No error or warning beyond missing facts and labelled flaws. */
  clean: number;
  withFalseError: number;
  missingFacts: { total: number; named: number };
  falseAlarmsByRule: Record<string, number>;
  outcomes: UpdateOutcome[];
}

export function scoreUpdates(cases: readonly RealUpdate[], lint: Linter = lintUpdate): UpdatesScore {
  const byRule: Record<string, number> = {};
  const outcomes = cases.map((c): UpdateOutcome => {
    const findings = lint(c.text, { status: c.status }).filter(blocks);
    const missingRules = new Set(c.missing.map((m) => RULE_OF_MISSING[m]));
    const allowed = new Set([...missingRules, ...(c.flaws ?? [])]);
    const nextUpdateMissing = c.missing.includes('next-update');
    const counted = findings.filter((f) => !(nextUpdateMissing && sameFactAsNextUpdate(c.text, f)));
    const fired = [...new Set(counted.map((f) => f.rule))];
    const falseAlarms = fired.filter((r) => !allowed.has(r));
    for (const r of falseAlarms) byRule[r] = (byRule[r] ?? 0) + 1;
    return {
      id: c.id,
      falseAlarms,
      falseErrors: [...new Set(counted.filter((f) => f.severity === 'error' && !allowed.has(f.rule)).map((f) => f.rule))],
      beyondMissing: fired.filter((r) => !missingRules.has(r)),
      missedFacts: [...missingRules].filter((r) => !fired.includes(r)),
    };
  });
  const missingTotal = cases.reduce((n, c) => n + c.missing.length, 0);
  return {
    total: cases.length,
    strictClean: outcomes.filter((o) => o.beyondMissing.length === 0).length,
    clean: outcomes.filter((o) => o.falseAlarms.length === 0).length,
    withFalseError: outcomes.filter((o) => o.falseErrors.length > 0).length,
    missingFacts: { total: missingTotal, named: missingTotal - outcomes.reduce((n, o) => n + o.missedFacts.length, 0) },
    falseAlarmsByRule: byRule,
    outcomes,
  };
}

export interface StatementsScore {
  total: number;
  /** Flagged (error or warning) by at least one rule naming its own fault. */
  caught: number;
  /** Per fault rule: statements labelled with it, and how many it flagged. */
  byRule: Record<string, { labelled: number; fired: number }>;
  missed: { id: string; faults: string[]; fired: string[] }[];
}

export function scoreStatements(cases: readonly CriticisedStatement[], lint: Linter = lintUpdate): StatementsScore {
  const byRule: Record<string, { labelled: number; fired: number }> = {};
  const missed: StatementsScore['missed'] = [];
  let caught = 0;
  for (const c of cases) {
    // A statement is not an incident update: no status, so the missing-statement rules still speak, but they
    // never count as catching its fault.
    const fired = new Set(
      lint(c.text, {})
        .filter(blocks)
        .map((f) => f.rule),
    );
    for (const r of c.faults) {
      const n = (byRule[r] ??= { labelled: 0, fired: 0 });
      n.labelled++;
      if (fired.has(r)) n.fired++;
    }
    if (c.faults.some((r) => fired.has(r))) caught++;
    else missed.push({ id: c.id, faults: c.faults, fired: [...fired] });
  }
  return { total: cases.length, caught, byRule, missed };
}

const pct = (a: number, b: number): string => `${a}/${b} = ${b === 0 ? '-' : ((a / b) * 100).toFixed(1)}%`;

/** Plain-text lines for the terminal and the README. */
export function formatRealText(name: string, u: UpdatesScore, s: StatementsScore): string {
  const rules = Object.entries(u.falseAlarmsByRule)
    .sort((a, b) => b[1] - a[1])
    .map(([r, n]) => `${r} ${n}`)
    .join(', ');
  const faults = Object.entries(s.byRule)
    .sort()
    .map(([r, n]) => `${r} ${n.fired}/${n.labelled}`)
    .join(', ');
  return [
    `${name}:`,
    `  fair updates with no finding beyond a fact really missing: ${pct(u.strictClean, u.total)} (beyond missing facts and labelled flaws: ${pct(u.clean, u.total)})`,
    `  fair updates with a false error: ${u.withFalseError}; missing facts named: ${pct(u.missingFacts.named, u.missingFacts.total)}`,
    `  false alarms by rule: ${rules || 'none'}`,
    `  criticised statements flagged for their own fault: ${pct(s.caught, s.total)}`,
    `  per fault rule (flagged/labelled): ${faults}`,
  ].join('\n');
}
