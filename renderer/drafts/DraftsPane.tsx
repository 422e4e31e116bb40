import './drafts.css';
import { useEffect, useRef, useState } from 'react';
import type { Draft, IncidentState } from '../../src/model/incident-state.js';
import type { PublishedDraft as Delivery } from '../../src/ipc/contract.js';
import { lintUpdate } from '../../src/comms/linter/index.js';
import { lintContext } from '../../src/comms/draft-view.js';
import { REVIEW_OVERDUE_MS } from '../../src/comms/review-requests.js';
import { draftDocument } from '../state/drafts.js';
import { useWarRoom } from '../state/store.js';
import { selectIncidentState, selectReadOnly, selectSelectedDraft } from '../state/selectors.js';
import { useFocusTarget } from '../hooks/use-focus-target.js';
import { useHubChannels } from '../hooks/use-hub-channels.js';
import { useNow } from '../hooks/use-now.js';
import { AUDIENCE_LABELS, CHANNEL_LABELS } from '../lib/draft-labels.js';
import { StatusBadge } from '../shared/Badges.js';
import { CadenceControl } from './CadenceControl.js';
import { ChannelsPanel } from './ChannelsPanel.js';
import { DraftEditor } from './DraftEditor.js';
import { NewDraftForm } from './NewDraftForm.js';
import { PublishedDraft } from './PublishedDraft.js';
import { TemplateEditor } from './TemplateEditor.js';
import { TimeStamp } from '../shared/TimeStamp.js';

/**
 * Customer updates: several drafts at once, each for an audience and a channel, started from the team's
 * templates, written together (every keystroke merges, none is lost), checked by the linter as they are
 * typed, marked ready by one person, approved by a second holding the commander or comms role, then
 * published and recorded in the timeline, on the cadence the team promised.
 */
export function DraftsPane() {
  const state = useWarRoom(selectIncidentState)!;
  const available = useWarRoom((s) => s.info?.features.drafts ?? false);
  const selected = useWarRoom(selectSelectedDraft);
  const readOnly = useWarRoom(selectReadOnly);
  const [templates, setTemplates] = useState(false);
  // How this window delivered what it published (clipboard, file): shown on the published draft.
  const [deliveries, setDeliveries] = useState<Record<string, Delivery>>({});
  // Asked again after each publication: the hub's deliveries start then.
  const channels = useHubChannels(state.updates.length);
  const newRef = useRef<HTMLSelectElement>(null);
  const mainRef = useRef<HTMLElement>(null);
  const draft = selected && Object.hasOwn(state.drafts, selected) ? state.drafts[selected] : undefined;
  useFocusTarget('view-drafts', newRef);
  // Another draft, or the templates: start at the top, not where the last one was scrolled to.
  const published = draft?.publishedAt ?? null;
  useEffect(() => {
    mainRef.current?.scrollTo(0, 0);
  }, [selected, templates, published]);

  if (!available) return <p className="empty muted">Customer updates are not available in this build.</p>;
  return (
    <div className="drafts">
      <aside className="drafts-side" aria-label="Drafts">
        <DraftList state={state} selected={templates ? null : selected} onPick={() => setTemplates(false)} />
        {readOnly ? (
          <p className="muted">Read-only: you joined with a viewer link.</p>
        ) : (
          <NewDraftForm selectRef={newRef} onCreated={() => setTemplates(false)} />
        )}
        <ChannelsPanel state={state} channels={channels} />
        {readOnly ? null : <CadenceControl state={state} />}
        <SentList state={state} selected={templates ? null : selected} onPick={() => setTemplates(false)} />
        {readOnly ? null : (
          <button type="button" className="templates-button" aria-pressed={templates} onClick={() => setTemplates((t) => !t)}>
            {templates ? 'Close the templates' : 'Edit the templates…'}
          </button>
        )}
      </aside>
      <section className="drafts-main" ref={mainRef} aria-label={templates ? 'Templates' : 'Draft editor'}>
        {templates ? (
          <TemplateEditor onClose={() => setTemplates(false)} />
        ) : draft && draft.retracted === null ? (
          draft.publishedAt === null ? (
            readOnly ? (
              // A viewer reads the draft as it is written; every control in it is off.
              <fieldset disabled className="read-only-draft" aria-label="Draft (read-only)">
                <DraftEditor key={draft.id} draft={draft} channels={channels} onPublished={() => undefined} />
              </fieldset>
            ) : (
              <DraftEditor
                key={draft.id}
                draft={draft}
                channels={channels}
                onPublished={(p) => setDeliveries((d) => ({ ...d, [draft.id]: p }))}
              />
            )
          ) : (
            <PublishedDraft key={draft.id} draft={draft} channels={channels} delivery={deliveries[draft.id] ?? null} />
          )
        ) : selected && !draft ? (
          <p className="muted drafts-opening" role="status">
            Opening the draft…
          </p>
        ) : (
          <div className="drafts-empty">
            <p className="muted">
              Pick a draft on the left, or start one: it opens with the template for the incident&apos;s status, filled in from the
              incident.
            </p>
            <p className="muted">Everyone in the room can write in a draft at the same time; the linter checks it as you type.</p>
          </div>
        )}
      </section>
    </div>
  );
}

/** Findings by severity for a draft's current text, for its line in the list. */
function countFindings(state: IncidentState, draft: Draft): { error: number; warning: number; info: number } {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of lintUpdate(draftDocument(draft).toString(), lintContext(state, draft))) counts[f.severity]++;
  return counts;
}

function DraftList({ state, selected, onPick }: { state: IncidentState; selected: string | null; onPick: () => void }) {
  const selectDraft = useWarRoom((s) => s.selectDraft);
  const open = state.draftOrder.map((id) => state.drafts[id]!).filter((d) => d.retracted === null && d.publishedAt === null);
  return (
    <>
      <h2 className="column-title">Drafts{open.length ? ` (${open.length})` : ''}</h2>
      {open.length === 0 ? (
        <p className="muted small-text">{state.updates.length ? 'No open drafts' : 'No drafts yet'}: start one below.</p>
      ) : null}
      <ul className="draft-list">
        {open.map((d) => {
          const c = countFindings(state, d);
          const problems = [
            c.error ? `${c.error} error${c.error === 1 ? '' : 's'}` : '',
            c.warning ? `${c.warning} warning${c.warning === 1 ? '' : 's'}` : '',
          ]
            .filter(Boolean)
            .join(', ');
          return (
            <li key={d.id}>
              <button
                type="button"
                className={`draft-item ${d.id === selected ? 'selected' : ''}`}
                aria-current={d.id === selected ? 'true' : undefined}
                onClick={() => {
                  selectDraft(d.id);
                  onPick();
                }}
              >
                <span className="draft-item-title">{d.title}</span>
                <span className="draft-item-meta">
                  <StatusBadge status={d.review.state} /> {AUDIENCE_LABELS[d.audience]}
                  {d.customer ? `: ${d.customer}` : ''} · {CHANNEL_LABELS[d.channel]}
                </span>
                <span className={`draft-item-findings ${c.error ? 'has-errors' : ''}`}>{problems || 'linter: nothing to fix'}</span>
                {d.reviewRequest ? <WaitingFor request={d.reviewRequest} /> : null}
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}

function SentList({ state, selected, onPick }: { state: IncidentState; selected: string | null; onPick: () => void }) {
  const now = useNow(30_000);
  const selectDraft = useWarRoom((s) => s.selectDraft);
  if (state.updates.length === 0) return null;
  return (
    <>
      <h2 className="column-title">Sent ({state.updates.length})</h2>
      <ul className="published-list">
        {[...state.updates].reverse().map((u) => (
          <li key={u.id}>
            <button
              type="button"
              className={`draft-item sent-item ${u.draftId === selected ? 'selected' : ''}`}
              aria-current={u.draftId === selected ? 'true' : undefined}
              onClick={() => {
                selectDraft(u.draftId);
                onPick();
              }}
            >
              <span className="draft-item-title">{state.drafts[u.draftId]?.title ?? 'Customer update'}</span>
              <span className="draft-item-meta">
                <TimeStamp at={u.at} now={now} /> · {CHANNEL_LABELS[u.channel]} · by {u.by.name}
                {u.approvedBy ? `, approved by ${u.approvedBy.name}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

/** "waiting for Bob, 12 min · overdue": a review nobody acts on must be visible to everyone, not only to Bob. */
function WaitingFor({ request }: { request: NonNullable<Draft['reviewRequest']> }) {
  const now = useNow(15_000);
  const overdue = now - request.at >= REVIEW_OVERDUE_MS;
  return (
    <span className={`draft-item-review ${overdue ? 'has-errors' : ''}`} data-testid="waiting-for">
      waiting for {request.reviewer.name}&apos;s approval, <TimeStamp at={request.at} now={now} />
      {overdue ? ' · overdue' : ''}
    </span>
  );
}
