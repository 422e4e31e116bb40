// Scores the update linter against the labelled corpus: per-rule precision and recall, and the two figures
// people feel (bad updates caught, honest updates left alone). Used by the corpus test and `npm run lint-corpus`.
import { LINT_RULES, lintUpdate, type Finding, type LintContext } from '../../src/comms/linter/index.js';
import type { CorpusCase } from '../fixtures/update-corpus/index.js';

export type Linter = (text: string, context: LintContext) => Finding[];

export interface RuleScore {
  rule: string;
  severity: string;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export interface CaseOutcome {
  id: string;
  /** Labelled rules that did not fire. */
  missed: string[];
  /** Rules that fired but are not labelled. */
  falseAlarms: string[];
}

export interface CorpusScore {
  rules: RuleScore[];
  overall: { tp: number; fp: number; fn: number; precision: number; recall: number };
  /** Updates labelled with any error or warning, and how many got at least one of those labels. */
  bad: { total: number; caught: number; recall: number };
  /** Updates with no error or warning label, and how many got no error or warning finding. */
  honest: { total: number; clean: number; rate: number };
  outcomes: CaseOutcome[];
}

const SEVERITY = new Map(LINT_RULES.map((r) => [r.id, r.severity]));
const blocks = (rule: string): boolean => SEVERITY.get(rule) !== 'info';
const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);

/** The context the app gives a draft: its incident's status (a final update is written once resolved). */
export const contextOf = (c: CorpusCase): LintContext => ({ status: c.status === 'final' ? 'resolved' : c.status, ...c.context });

export function scoreCorpus(cases: readonly CorpusCase[], lint: Linter = lintUpdate): CorpusScore {
  const counts = new Map(LINT_RULES.map((r) => [r.id, { tp: 0, fp: 0, fn: 0 }]));
  const outcomes: CaseOutcome[] = [];
  let badTotal = 0;
  let caught = 0;
  let honestTotal = 0;
  let clean = 0;
  for (const c of cases) {
    const fired = new Set(lint(c.text, contextOf(c)).map((f) => f.rule));
    const labelled = new Set(c.rules);
    for (const [rule, n] of counts) {
      if (fired.has(rule) && labelled.has(rule)) n.tp++;
      else if (fired.has(rule)) n.fp++;
      else if (labelled.has(rule)) n.fn++;
    }
    outcomes.push({ id: c.id, missed: c.rules.filter((r) => !fired.has(r)), falseAlarms: [...fired].filter((r) => !labelled.has(r)) });
    if (c.rules.some(blocks)) {
      badTotal++;
      if (c.rules.some((r) => blocks(r) && fired.has(r))) caught++;
    } else {
      honestTotal++;
      if (![...fired].some(blocks)) clean++;
    }
  }
  const rules = [...counts].map(([rule, n]) => ({
    rule,
    severity: SEVERITY.get(rule)!,
    ...n,
    precision: ratio(n.tp, n.tp + n.fp),
    recall: ratio(n.tp, n.tp + n.fn),
  }));
  const sum = (k: 'tp' | 'fp' | 'fn') => rules.reduce((a, r) => a + r[k], 0);
  const [tp, fp, fn] = [sum('tp'), sum('fp'), sum('fn')];
  return {
    rules,
    overall: { tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) },
    bad: { total: badTotal, caught, recall: ratio(caught, badTotal) },
    honest: { total: honestTotal, clean, rate: ratio(clean, honestTotal) },
    outcomes,
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** A plain-text table of a score, for the terminal and the closing note. */
export function formatScore(score: CorpusScore, title: string): string {
  const head = ['rule', 'severity', 'tp', 'fp', 'fn', 'precision', 'recall'];
  const rows = score.rules.map((r) => [r.rule, r.severity, String(r.tp), String(r.fp), String(r.fn), pct(r.precision), pct(r.recall)]);
  const o = score.overall;
  rows.push(['all rules (micro)', '', String(o.tp), String(o.fp), String(o.fn), pct(o.precision), pct(o.recall)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i < 2 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  return [
    title,
    line(head),
    ...rows.map(line),
    '',
    `bad updates caught (at least one of their error/warning labels fired): ${score.bad.caught}/${score.bad.total} = ${pct(score.bad.recall)}`,
    `honest updates with no error or warning: ${score.honest.clean}/${score.honest.total} = ${pct(score.honest.rate)}`,
  ].join('\n');
}
