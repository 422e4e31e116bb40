import { useMemo, useState } from 'react';
import type { Draft } from '../../src/model/incident-state.js';
import type { ChannelsView, PublishedDraft } from '../../src/ipc/contract.js';
import { DRAFT_AUDIENCES, DRAFT_CHANNELS, type DraftAudience, type DraftChannel } from '../../src/model/vocabulary.js';
import { draftView } from '../../src/comms/draft-view.js';
import { nextUpdateAfterThis, placeholderValues } from '../../src/comms/templates.js';
import { updateDraft } from '../state/drafts.js';
import { useWarRoom } from '../state/store.js';
import { selectIncidentState } from '../state/selectors.js';
import { useNow } from '../hooks/use-now.js';
import { AUDIENCE_LABELS, CHANNEL_LABELS } from '../lib/draft-labels.js';
import { SOCIAL_MAX_CHARS } from '../../src/comms/linter/social-too-long.js';
import { recentEditors } from '../lib/draft-history.js';
import type { FixValues } from '../lib/lint-fixes.js';
import { localTimeZone } from '../lib/time-zone.js';
import { StatusBadge } from '../shared/Badges.js';
import { FormError } from '../shared/Dialog.js';
import { DraftHistory } from './DraftHistory.js';
import { DraftTextArea } from './DraftTextArea.js';
import { useCoEditedDraft } from './use-co-edited-draft.js';
import { LintFindings } from './LintFindings.js';
import { ReviewBar } from './ReviewBar.js';
import { channelRoute } from './channel-route.js';
import { isEmailAddress } from '../../src/comms/email-recipients.js';
import type { IncidentState } from '../../src/model/incident-state.js';

/** Whether the hub would write to this customer: a verified contact that is an email address. */
const hasVerifiedAddress = (state: IncidentState, id: string): boolean =>
  state.impacts[id]?.contactVerified === true && isEmailAddress(state.impacts[id]?.contact);

/** One draft being written: its details, the shared text with the linter beside it, the review, the history. */
export function DraftEditor({
  draft,
  channels,
  onPublished,
}: {
  draft: Draft;
  /** What the room's hub does with updates (null while asking): where publishing sends the text. */
  channels: ChannelsView | null;
  onPublished: (p: PublishedDraft) => void;
}) {
  const state = useWarRoom(selectIncidentState)!;
  const folder = useWarRoom((s) => s.folder);
  const co = useCoEditedDraft(draft);
  const now = useNow(15_000);
  const view = useMemo(() => draftView(state, draft, co.text), [state, draft, co.text]);
  const route = channelRoute(state, draft, channels);
  const byHubMail = route?.deliver === 'hub' && draft.channel === 'email';
  const tz = localTimeZone();
  const fixValues = useMemo<FixValues>(
    () => ({
      affectedCustomers: state.impactOrder.filter((id) => state.impacts[id]?.retracted === null).length,
      nextUpdate: nextUpdateAfterThis(state, now, tz),
      placeholders: placeholderValues(
        state,
        { now, tz, audience: draft.audience, ...(draft.customer ? { customer: draft.customer } : {}) },
        draft.template === 'postmortem' ? 'resolved' : (draft.template ?? state.status),
      ),
    }),
    [state, now, tz, draft.template],
  );
  const me = useWarRoom((s) => s.info?.actor.name ?? null);
  const writingNow = folder ? recentEditors(folder.events, draft.id, now - 20_000).filter((n) => n !== me) : [];
  const length = co.text.length;

  return (
    <div className="draft-editor">
      <DraftDetails key={`${draft.title}\u0000${draft.customer ?? ''}`} draft={draft} />
      <div className="draft-columns">
        <div className="draft-writing">
          <DraftTextArea co={co} findings={view.findings} describedBy="draft-status" />
          <p id="draft-status" className="draft-status small-text">
            <span className={draft.channel === 'social' && length > SOCIAL_MAX_CHARS ? 'has-errors' : ''}>
              {length} characters{draft.channel === 'social' ? ` of ${SOCIAL_MAX_CHARS}` : ''}
            </span>
            {' · '}
            <span data-testid="save-state">{co.pending > 0 ? 'saving…' : 'saved'}</span>
            {writingNow.length ? <span className="writing-now"> · writing now: {writingNow.join(', ')}</span> : null}
            {draft.editors.length ? <span className="muted"> · edited by {draft.editors.join(', ')}</span> : null}
          </p>
          {co.saveError ? (
            <div className="form-error" role="alert">
              Your last change was not saved: {co.saveError}{' '}
              <button type="button" className="small" onClick={co.reload}>
                Show the saved text
              </button>
            </div>
          ) : null}
          {view.recipients.length ? (
            <p className="recipients small-text">
              <strong>{byHubMail ? 'Marked notified when the mail server takes their message:' : 'Publishing marks notified:'}</strong>{' '}
              {(byHubMail ? view.recipients.filter((r) => hasVerifiedAddress(state, r.id)) : view.recipients)
                .map((r) => r.customer + (r.notifiedAt !== null ? ' (told before)' : ''))
                .join(', ')}
            </p>
          ) : draft.audience === 'customer' ? (
            <p className="recipients small-text has-errors">
              No customer named “{draft.customer}” is on the customer list: publishing marks nobody notified.
            </p>
          ) : null}
          <ReviewBar state={state} view={view} flush={co.flush} route={route} onPublished={onPublished} />
        </div>
        <LintFindings text={co.text} findings={view.findings} values={fixValues} onShow={co.select} onFix={co.applyEdit} />
      </div>
      <DraftHistory draftId={draft.id} currentText={co.text} onRestore={co.applyEdit} />
    </div>
  );
}

/** Title, audience and channel: shared like the text, saved as soon as they change. */
function DraftDetails({ draft }: { draft: Draft }) {
  const [title, setTitle] = useState(draft.title);
  const [customer, setCustomer] = useState(draft.customer ?? '');
  // "One customer" needs a name before it can be saved: until then the choice waits here.
  const [wantCustomer, setWantCustomer] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async (changes: Parameters<typeof updateDraft>[1]) => {
    const r = await updateDraft(draft.id, changes);
    setError(r.ok ? null : r.error);
    if (r.ok) setWantCustomer(false);
  };
  const saveCustomer = () => {
    const name = customer.trim();
    if (!name || name === draft.customer) return;
    void save(wantCustomer ? { audience: 'customer', customer: name } : { customer: name });
  };
  return (
    <div className="draft-details">
      <div className="draft-title-row">
        <label className="draft-title-field">
          <span className="visually-hidden">Draft title</span>
          <input
            className="draft-title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            onBlur={() => (title.trim() && title.trim() !== draft.title ? void save({ title: title.trim() }) : setTitle(draft.title))}
            onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
          />
        </label>
        <StatusBadge status={draft.review.state} />
      </div>
      <div className="draft-meta-row">
        <label className="draft-meta-field">
          Audience
          <select
            value={wantCustomer ? 'customer' : draft.audience}
            onChange={(e) => {
              const audience = e.target.value as DraftAudience;
              if (audience === 'customer' && !draft.customer) setWantCustomer(true);
              else void save({ audience });
            }}
          >
            {DRAFT_AUDIENCES.map((a) => (
              <option key={a} value={a}>
                {AUDIENCE_LABELS[a]}
              </option>
            ))}
          </select>
        </label>
        {draft.audience === 'customer' || wantCustomer ? (
          <label className="draft-meta-field">
            Customer
            <input
              value={customer}
              onChange={(e) => setCustomer(e.target.value)}
              onBlur={saveCustomer}
              onKeyDown={(e) => e.key === 'Enter' && saveCustomer()}
              autoFocus={wantCustomer}
            />
          </label>
        ) : null}
        <label className="draft-meta-field">
          Publish to
          <select value={draft.channel} onChange={(e) => void save({ channel: e.target.value as DraftChannel })}>
            {DRAFT_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <FormError error={error} />
    </div>
  );
}
