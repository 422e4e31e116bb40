import { fail, ok, type Result } from '../../../src/model/result.js';
import type { Severity } from '../../../src/model/vocabulary.js';
import { TEAM_PATTERN, type AlertRule } from './alert-config.js';
import type { AlertGroup } from './alert-payloads.js';

/** Where a group goes and how it reads: the outcome of the team's rules. */
export interface AlertRoute {
  team: string;
  severity: Severity;
  title: string;
  /** What the opening says: the summary or description the alerts carry. */
  summary: string | undefined;
}

/** The first rule whose `match` holds decides; no rule matching is a refusal that names the labels. */
export function routeAlert(rules: readonly AlertRule[], group: AlertGroup): Result<AlertRoute, 'no-rule'> {
  const labels = labelsOf(group);
  const rule = rules.find((r) => Object.entries(r.match).every(([k, v]) => (v === '*' ? labels[k] !== undefined : labels[k] === v)));
  if (!rule) {
    const shown = Object.entries(labels)
      .slice(0, 8)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(', ');
    return fail(`no rule matches this alert's labels (${shown || 'none'}): add a rule to the hub's alerts config`, 'no-rule');
  }
  const team = fill(rule.team, labels, group.annotations).trim().toLowerCase();
  if (!TEAM_PATTERN.test(team)) return fail(`the rule's team "${team.slice(0, 80)}" is not a team name (a-z, 0-9 and -)`, 'no-rule');
  const severity =
    typeof rule.severity === 'string' ? rule.severity : (rule.severity.map[labels[rule.severity.label] ?? ''] ?? rule.severity.default);
  const summary = group.annotations.summary ?? group.annotations.description ?? firstAnnotation(group, 'summary');
  const title = rule.title
    ? fill(rule.title, labels, group.annotations)
    : (group.title ?? summary ?? labels.alertname ?? group.alerts[0]?.labels.alertname ?? 'Alert');
  return ok({ team, severity, title: clip(title.trim() || 'Alert', 200), summary: summary ? clip(summary, 2_000) : undefined });
}

/** The group's common labels, and those every alert shares when the sender gave none in common. */
function labelsOf(group: AlertGroup): Record<string, string> {
  if (Object.keys(group.labels).length > 0 || group.alerts.length === 0) return group.labels;
  const [first, ...rest] = group.alerts;
  return Object.fromEntries(Object.entries(first!.labels).filter(([k, v]) => rest.every((a) => a.labels[k] === v)));
}

function firstAnnotation(group: AlertGroup, name: string): string | undefined {
  return group.alerts.find((a) => a.annotations[name])?.annotations[name];
}

/** "{{name}}" -> the label's value, else the annotation's, else empty. */
function fill(template: string, labels: Record<string, string>, annotations: Record<string, string>): string {
  return template.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_, k: string) => labels[k] ?? annotations[k] ?? '');
}

const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
