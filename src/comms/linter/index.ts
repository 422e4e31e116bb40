import { blamingCustomer } from './blaming-customer.js';
import { denial } from './denial.js';
import { dismissing } from './dismissing.js';
import { hedgedImpact } from './hedged-impact.js';
import { hidingBehindPolicy } from './hiding-behind-policy.js';
import { emptyApology } from './empty-apology.js';
import { internalFact } from './internal-fact.js';
import { internalHost, internalJargon, stackTrace, ticketId } from './internal-leaks.js';
import { minimisingImpact } from './minimising-impact.js';
import { noNextUpdate, noSinceWhen, noWhatAffected } from './missing-statements.js';
import { lintDoc } from './scan.js';
import { socialTooLong } from './social-too-long.js';
import { timeWithoutZone } from './time-without-zone.js';
import type { Finding, FindingSeverity, LintContext, LintRule, TimeReader } from './types.js';
import { unfilledPlaceholder } from './unfilled-placeholder.js';
import { untimedPromise } from './untimed-promise.js';
import { vagueDescription } from './vague-description.js';

export type { Finding, FindingSeverity, LintContext, LintRule, TimeReader } from './types.js';
export { lineCol } from './scan.js';
export { internalTextsOf } from './internal-fact.js';

/** Every rule, in the order RULES.md lists them. */
export const LINT_RULES: readonly LintRule[] = [
  blamingCustomer,
  denial,
  internalHost,
  stackTrace,
  noNextUpdate,
  unfilledPlaceholder,
  internalFact,
  minimisingImpact,
  hedgedImpact,
  dismissing,
  hidingBehindPolicy,
  vagueDescription,
  emptyApology,
  untimedPromise,
  noWhatAffected,
  noSinceWhen,
  internalJargon,
  ticketId,
  socialTooLong,
  timeWithoutZone,
];

const SEVERITY_RANK: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 };

/** Lints a customer update. Pure and total: any string in, findings ordered by position then severity out. */
export function lintUpdate(text: string, context: LintContext = {}, times?: TimeReader): Finding[] {
  const doc = lintDoc(text, times);
  const findings = LINT_RULES.flatMap((rule) => rule.check(doc, context));
  return findings.sort(
    (a, b) =>
      a.start - b.start ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      a.end - b.end ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}

export const hasErrors = (findings: readonly Finding[]): boolean => findings.some((f) => f.severity === 'error');

/** Findings that must be acknowledged before a draft moves on: every error and warning (info never blocks). */
export const blocking = (findings: readonly Finding[]): Finding[] => findings.filter((f) => f.severity !== 'info');
