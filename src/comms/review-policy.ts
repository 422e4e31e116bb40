import { blocking, type Finding } from './linter/index.js';

/**
 * Which findings still need an acknowledgement. Policy: every error and every warning must be acknowledged by
 * rule id, both by the person who marks the draft ready and by the approver; info never blocks. Errors are not
 * a hard stop (a rule can misfire, and the update may be urgent) but they never pass silently: two people
 * must each say "I read this and publish anyway".
 */
export function unacknowledged(findings: readonly Finding[], acknowledged: readonly string[]): Finding[] {
  const ack = new Set(acknowledged);
  return blocking(findings).filter((f) => !ack.has(f.rule));
}

/** "no-next-update (error), vague-description (warning)": each rule once. */
export function describeRules(findings: readonly Finding[]): string {
  const seen = new Map<string, string>();
  for (const f of findings) if (!seen.has(f.rule)) seen.set(f.rule, f.severity);
  return [...seen].map(([rule, severity]) => `${rule} (${severity})`).join(', ');
}
