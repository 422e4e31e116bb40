import { useLayoutEffect, useRef } from 'react';
import type { Draft } from '../../src/model/incident-state.js';
import type { ChannelsView, PublishedDraft as Delivery } from '../../src/ipc/contract.js';
import { copyText } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';
import { selectIncidentState } from '../state/selectors.js';
import { useNow } from '../hooks/use-now.js';
import { AUDIENCE_LABELS, CHANNEL_LABELS } from '../lib/draft-labels.js';
import { StatusBadge } from '../shared/Badges.js';
import { DraftHistory } from './DraftHistory.js';
import { TimeStamp } from '../shared/TimeStamp.js';
import { PublishedWhere } from './PublishedWhere.js';

/** A published update: the text exactly as recorded, who wrote, approved and sent it, whom it notified. */
export function PublishedDraft({ draft, channels, delivery }: { draft: Draft; channels: ChannelsView | null; delivery?: Delivery | null }) {
  const state = useWarRoom(selectIncidentState)!;
  const now = useNow(30_000);
  const copyRef = useRef<HTMLButtonElement>(null);
  // Just published from this window: the editor (and the button pressed) is gone; the keyboard lands here.
  useLayoutEffect(() => {
    if (delivery && Date.now() - delivery.publishedAt < 15_000) copyRef.current?.focus();
  }, [delivery]);
  const sent = state.updates.find((u) => u.draftId === draft.id);
  if (!sent) return <p className="muted">Publishing…</p>;
  const notified = sent.notified.map((id) => state.impacts[id]?.customer).filter((c): c is string => Boolean(c));
  return (
    <div className="draft-editor published-view">
      <div className="draft-head">
        <h2 className="column-title">{draft.title}</h2>
        <StatusBadge status="published" />
        <span className="muted small-text">
          {AUDIENCE_LABELS[sent.audience]}
          {draft.customer ? `: ${draft.customer}` : ''} · {CHANNEL_LABELS[sent.channel]}
        </span>
      </div>
      <p role="status" className="published-facts">
        Published <TimeStamp at={sent.at} now={now} showClock /> by {sent.by.name}
        {sent.approvedBy ? `, approved by ${sent.approvedBy.name}` : ''}. Recorded in the timeline
        {notified.length ? `; marked notified: ${notified.join(', ')}` : ''}.
        {delivery?.delivered.to === 'clipboard' ? ' The text is on the clipboard.' : ''}
        {delivery?.delivered.to === 'file' ? ` Saved to ${delivery.delivered.path}.` : ''}
      </p>
      <PublishedWhere state={state} update={sent} channels={channels} now={now} />
      {delivery?.delivered.to === 'none' && delivery.delivered.problem ? (
        <p className="form-error">Published, but {delivery.delivered.problem}. Copy the text below instead.</p>
      ) : null}
      <pre className="published-text" data-testid="published-text">
        {sent.text}
      </pre>
      <div className="form-actions">
        <button type="button" ref={copyRef} onClick={() => void copyText(sent.text)}>
          Copy the text
        </button>
        <button type="button" onClick={() => useWarRoom.getState().selectDraft(null)}>
          Done
        </button>
      </div>
      <DraftHistory draftId={draft.id} currentText={sent.text} />
    </div>
  );
}
