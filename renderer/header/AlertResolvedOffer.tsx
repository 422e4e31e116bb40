import './review.css';
import { useState } from 'react';
import { useWarRoom } from '../state/store.js';
import { selectIncidentState, selectReadOnly } from '../state/selectors.js';
import { record } from '../state/actions.js';

const clock = (ms: number): string => new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * In the header, once the alert that opened the incident resolves: an offer to mark the incident mitigated at the
 * time the alert ended. Only an offer: an alert going quiet is not proof the customers are fine, so nothing marks it
 * alone (the hub writes the alert's note, a person decides). Gone once mitigated is set, or the alert fires again.
 */
export function AlertResolvedOffer() {
  const state = useWarRoom(selectIncidentState);
  const readOnly = useWarRoom(selectReadOnly);
  const [busy, setBusy] = useState(false);
  const alert = state?.alert;
  if (!state || readOnly || !alert || alert.status !== 'resolved' || alert.resolvedAt === null || state.milestones?.mitigated) return null;
  const at = alert.resolvedAt;
  const mark = async () => {
    setBusy(true);
    await record('milestone.set', { milestone: 'mitigated', at: Math.min(at, Date.now()) });
    setBusy(false);
  };
  return (
    <button
      type="button"
      className="review-badge"
      data-testid="alert-resolved-offer"
      disabled={busy}
      onClick={() => void mark()}
      title={`${alert.source === 'alertmanager' ? 'Alertmanager' : 'The webhook'} says "${alert.title}" resolved at ${clock(at)}`}
    >
      Alert resolved {clock(at)} · mark mitigated
    </button>
  );
}
