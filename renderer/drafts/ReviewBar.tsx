import { useLayoutEffect, useRef, useState } from 'react';
import type { DraftView } from '../../src/comms/draft-view.js';
import { LINT_RULES, type Finding } from '../../src/comms/linter/index.js';
import type { IncidentState } from '../../src/model/incident-state.js';
import type { PublishedDraft } from '../../src/ipc/contract.js';
import { discardDraft, publishDraft, reviewDraft, takeRole } from '../state/drafts.js';
import { useWarRoom } from '../state/store.js';
import { selectMe } from '../state/selectors.js';
import { REVIEW_STEPS } from '../lib/draft-labels.js';
import { reviewGates, type Gate } from '../../src/comms/review-gate.js';
import { FormError } from '../shared/Dialog.js';
import { ReviewRequestControl } from './ReviewRequestControl.js';
import type { ChannelRoute } from './channel-route.js';

const RULE_TITLES = new Map(LINT_RULES.map((r) => [r.id, r.title]));

/**
 * Where the draft is in its review, and the next step for whoever is looking: mark ready (the writer),
 * approve (a second person with the commander or comms role), publish. Each step first asks for the
 * findings to be acknowledged, rule by rule; a button that cannot be used says why, in words, beside it.
 */
export function ReviewBar({
  state,
  view,
  flush,
  route,
  onPublished,
}: {
  state: IncidentState;
  view: DraftView;
  /** Saves pending keystrokes first: a review step covers the text as everyone sees it. */
  flush: () => Promise<void>;
  /** Where publishing sends the text (null while the hub is being asked). */
  route: ChannelRoute | null;
  onPublished: (p: PublishedDraft) => void;
}) {
  const me = useWarRoom(selectMe);
  const [acknowledged, setAcknowledged] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  // A status-page update reaches every customer: offer to mark the affected ones notified too.
  const [markAffected, setMarkAffected] = useState(true);
  // Email the hub sends marks each customer when the mail server takes their message, not on publishing.
  const byHubMail = route?.deliver === 'hub' && view.channel === 'email';
  const affected =
    view.audience === 'all' && !byHubMail ? state.impactOrder.filter((id) => state.impacts[id]?.retracted === null).length : 0;
  const titleRef = useRef<HTMLHeadingElement>(null);
  const actedAt = useRef(0);
  const step = view.review.state;
  // The button just pressed goes away when the step changes (the event comes back from the log): keep the
  // keyboard in the review rather than let it fall to the page. Only after our own action: a teammate's
  // step never moves anyone's focus.
  useLayoutEffect(() => {
    if (Date.now() - actedAt.current < 10_000 && (document.activeElement === document.body || document.activeElement === null))
      titleRef.current?.focus();
  }, [step]);
  const gates = reviewGates(
    state,
    { review: view.review, readyBy: view.readyBy, publishedAt: view.publishedAt },
    view.text,
    view.needsAcknowledgement,
    acknowledged,
    me,
  );

  const run = async (what: () => Promise<{ ok: true } | { ok: false; error: string }>) => {
    setBusy(true);
    await flush();
    const r = await what();
    setBusy(false);
    setError(r.ok ? null : r.error);
    if (r.ok) {
      setAcknowledged([]);
      setNote('');
      actedAt.current = Date.now();
    }
  };
  const review = (s: 'ready' | 'approve' | 'back') => run(() => reviewDraft(view.id, s, acknowledged, note.trim() || undefined));
  const publish = (deliver: ChannelRoute['deliver']) =>
    run(async () => {
      const r = await publishDraft(view.id, deliver, { markAffectedNotified: affected > 0 && markAffected });
      if (r.ok) onPublished(r.value);
      return r;
    });

  const asking = step === 'editing' ? 'ready' : step === 'ready' ? 'approve' : null;
  const toAcknowledge = asking ? ruleGroups(view.findings.filter((f) => view.needsAcknowledgement.includes(f.rule))) : [];

  return (
    <section className="review" aria-labelledby="review-title">
      <h3 id="review-title" className="review-title" ref={titleRef} tabIndex={-1}>
        Review
      </h3>
      <ol className="review-steps">
        {REVIEW_STEPS.map((s, i) => {
          const reached = REVIEW_STEPS.findIndex((x) => x.state === step);
          const who =
            s.state === 'ready' && view.readyBy
              ? ` by ${view.readyBy.name}`
              : s.state === 'approved' && step === 'approved' && view.review.by
                ? ` by ${view.review.by.name}`
                : '';
          return (
            <li
              key={s.state}
              className={`review-step ${i < reached ? 'done' : i === reached ? 'current' : ''}`}
              aria-current={i === reached ? 'step' : undefined}
            >
              {s.label}
              {i <= reached ? who : ''}
            </li>
          );
        })}
      </ol>
      {step !== 'editing' ? (
        <p className="muted small-text">
          Any edit now takes it back to editing: the review covers the text as it was {step === 'ready' ? 'marked ready' : 'approved'}.
        </p>
      ) : null}

      {toAcknowledge.length ? (
        <fieldset className="acknowledge">
          <legend>
            {asking === 'ready' ? 'Before marking it ready' : 'Before approving'}: acknowledge each finding you publish anyway
          </legend>
          {toAcknowledge.map((g) => (
            <label key={g.rule} className="check">
              <input
                type="checkbox"
                checked={acknowledged.includes(g.rule)}
                onChange={(e) => setAcknowledged((a) => (e.target.checked ? [...a, g.rule] : a.filter((x) => x !== g.rule)))}
              />
              <span>
                <span className={`finding-severity sev-${g.severity}`}>{g.severity}</span> <span className="mono">{g.rule}</span>:{' '}
                {RULE_TITLES.get(g.rule) ?? g.rule}
                {g.count > 1 ? ` (${g.count} places)` : ''}
              </span>
            </label>
          ))}
        </fieldset>
      ) : null}

      {asking ? (
        <label className="review-note">
          Note to the team (optional)
          <input
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={500}
            placeholder={asking === 'ready' ? 'e.g. checked the numbers with support' : 'e.g. approved for the status page'}
          />
        </label>
      ) : null}

      {step === 'approved' && route ? (
        <p className={`channel-where ${route.configured ? 'configured' : 'not-configured'}`} data-testid="channel-where">
          {route.where}
          {view.recipients.length && !byHubMail ? ` Publishing marks ${view.recipients.map((r) => r.customer).join(', ')} notified.` : ''}
        </p>
      ) : null}
      <div className="review-actions">
        {step === 'editing' ? (
          <GatedButton id="gate-ready" label="Mark ready for review" gate={gates.ready} busy={busy} onClick={() => void review('ready')} />
        ) : null}
        {step === 'ready' ? (
          <GatedButton id="gate-approve" label="Approve" gate={gates.approve} busy={busy} onClick={() => void review('approve')} />
        ) : null}
        {step === 'approved' ? (
          <GatedButton
            id="gate-publish"
            label={route?.label ?? 'Checking where it goes…'}
            gate={route ? gates.publish : { allowed: false, reason: null }}
            busy={busy}
            onClick={() => void publish(route!.deliver)}
          />
        ) : null}
        {step === 'approved' && route?.alternative && gates.publish.allowed ? (
          <button type="button" disabled={busy} onClick={() => void publish(route.alternative!.deliver)}>
            {route.alternative.label}
          </button>
        ) : null}
        {step !== 'editing' ? (
          <button type="button" disabled={busy} onClick={() => void review('back')}>
            Back to editing
          </button>
        ) : null}
        {confirmDiscard ? (
          <span className="confirm">
            Discard this draft for everyone?{' '}
            <button
              type="button"
              className="danger"
              onClick={() => void discardDraft(view.id).then((r) => setError(r.ok ? null : r.error))}
            >
              Discard
            </button>{' '}
            <button type="button" onClick={() => setConfirmDiscard(false)}>
              Keep it
            </button>
          </span>
        ) : (
          <button type="button" onClick={() => setConfirmDiscard(true)}>
            Discard…
          </button>
        )}
      </div>
      {step === 'ready' && state.drafts[view.id] ? <ReviewRequestControl state={state} draft={state.drafts[view.id]!} /> : null}
      {step === 'ready' && gates.roleToTake ? (
        <p className="role-offer">
          <button type="button" onClick={() => void takeRole(gates.roleToTake!).then((r) => setError(r.ok ? null : r.error))}>
            Take the {gates.roleToTake === 'comms' ? 'comms lead' : gates.roleToTake} role
          </button>{' '}
          <span className="muted small-text">Recorded in the timeline; you can then approve updates written by others.</span>
        </p>
      ) : null}
      {step === 'approved' && affected > 0 ? (
        <label className="check mark-affected">
          <input type="checkbox" checked={markAffected} onChange={(e) => setMarkAffected(e.target.checked)} /> Also mark the {affected}{' '}
          affected customer{affected === 1 ? '' : 's'} notified: this update reaches everyone
        </label>
      ) : null}
      <FormError error={error} />
    </section>
  );
}

/** A step's button; when it cannot be used, the reason is shown next to it and read with it. */
function GatedButton({ id, label, gate, busy, onClick }: { id: string; label: string; gate: Gate; busy: boolean; onClick: () => void }) {
  return (
    <span className="gated">
      <button
        type="button"
        className="primary"
        disabled={!gate.allowed || busy}
        aria-describedby={gate.reason ? id : undefined}
        onClick={onClick}
      >
        {label}
      </button>
      {gate.reason ? (
        <span id={id} className="gate-reason" data-testid={id}>
          {gate.reason}
        </span>
      ) : null}
    </span>
  );
}

function ruleGroups(findings: readonly Finding[]): { rule: string; severity: Finding['severity']; count: number }[] {
  const groups = new Map<string, { rule: string; severity: Finding['severity']; count: number }>();
  for (const f of findings) {
    const g = groups.get(f.rule);
    if (g) g.count++;
    else groups.set(f.rule, { rule: f.rule, severity: f.severity, count: 1 });
  }
  return [...groups.values()];
}
