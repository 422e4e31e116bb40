import { useMemo } from 'react';
import { summarize } from '../../src/incident/summary.js';
import { useWarRoom } from '../state/store.js';
import { selectIncidentState } from '../state/selectors.js';
import { hypothesisLabel, hypothesisNumbers } from '../lib/hypothesis-numbers.js';

/**
 * Under the current status, always on screen (no Details click): the lead and the customers affected and told,
 * so the executive's five facts (impact, doing, customers, the lead, next update) fit a 1024x640 laptop.
 */
export function ExecFacts() {
  const state = useWarRoom(selectIncidentState)!;
  const summary = useMemo(() => summarize(state, Date.now()), [state]);
  const lead = summary.lead;
  const number = lead ? hypothesisLabel(hypothesisNumbers(state).get(lead.id) ?? 0) : null;
  return (
    <span className="exec-facts">
      <span data-testid="exec-lead" title={lead ? `${number} ${lead.text} (${lead.status})` : undefined}>
        <strong>Lead:</strong> {lead ? `${number} ${lead.text} (${lead.status})` : 'none yet'}
      </span>
      <span data-testid="exec-customers">
        <strong>Customers:</strong> {summary.customersAffected} affected · {summary.customersNotified} notified
      </span>
    </span>
  );
}
