import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import * as Y from 'yjs';
import type { DraftCard } from '../../src/ipc/contract.js';
import type { Draft } from '../../src/incident/state.js';
import { DRAFT_AUDIENCES, DRAFT_CHANNELS, TEMPLATE_KEYS, type DraftAudience, type DraftChannel, type TemplateKey } from '../../src/model/vocabulary.js';
import { TEMPLATE_FOR_STATUS } from '../../src/comms/templates.js';
import { decodeBase64 } from '../../src/comms/base64.js';
import { diffEdit, docText, editDraft } from '../../src/comms/draft-text.js';
import { copyText } from '../state/actions.js';
import { createDraft, discardDraft, listDrafts, publishDraft, reviewDraft, saveDraftUpdates } from '../state/drafts.js';
import { useWarRoom } from '../state/store.js';
import { selectIncidentState, selectSelectedDraft } from '../state/selectors.js';
import { useFocusTarget } from '../hooks/use-focus-target.js';
import { useNow } from '../hooks/use-now.js';
import { StatusBadge } from './Badges.js';
import { FormError } from './Dialog.js';
import { TimeStamp } from './TimeStamp.js';

const AUDIENCE_LABELS: Record<DraftAudience, string> = { all: 'All customers', affected: 'Affected customers', customer: 'One customer', internal: 'Internal' };

/**
 * Customer updates: drafts written together (every keystroke merges, none is lost), checked by the linter
 * against what angers customers, marked ready by the writer, approved by a second person, then published.
 */
export function DraftsPane() {
  const state = useWarRoom(selectIncidentState)!;
  const available = useWarRoom((s) => s.info?.features.drafts ?? false);
  const selected = useWarRoom(selectSelectedDraft);
  const selectDraft = useWarRoom((s) => s.selectDraft);
  const [cards, setCards] = useState<DraftCard[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const now = useNow(30_000);
  const newRef = useRef<HTMLSelectElement>(null);
  useFocusTarget('view-drafts', newRef);

  // Views come from main (text, findings, review); refresh them when the incident changes, a little later.
  useEffect(() => {
    if (!available) return;
    const timer = setTimeout(() => {
      void listDrafts().then((r) => {
        if (r.ok) {
          setCards(r.value);
          setLoadError(null);
        } else setLoadError(r.error);
      });
    }, 150);
    return () => clearTimeout(timer);
  }, [state, available]);

  const open = cards.filter((c) => c.publishedAt === null);
  const card = cards.find((c) => c.id === selected) ?? null;
  const draft = selected ? state.drafts[selected] : undefined;

  if (!available) return <p className="empty muted">Customer updates are not available in this build.</p>;
  return (
    <div className="drafts">
      <aside className="drafts-side" aria-label="Drafts">
        <NewDraftForm selectRef={newRef} />
        <h2 className="column-title">Drafts</h2>
        <FormError error={loadError} />
        {open.length === 0 ? <p className="muted">No drafts. Start one above.</p> : null}
        <ul className="draft-list">
          {open.map((c) => (
            <li key={c.id}>
              <button type="button" className={`draft-item ${c.id === selected ? 'selected' : ''}`} aria-current={c.id === selected ? 'true' : undefined} onClick={() => selectDraft(c.id)}>
                <span className="draft-item-title">{c.title}</span>
                <span className="muted small-text">
                  {AUDIENCE_LABELS[c.audience]} · {c.channel} · <StatusBadge status={c.review.state} />
                  {c.findings.length ? ` · ${c.findings.length} finding${c.findings.length === 1 ? '' : 's'}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <PublishedList now={now} />
      </aside>
      <section className="drafts-main" aria-label="Draft editor">
        {card && draft ? <DraftEditor key={card.id} card={card} draft={draft} /> : <p className="muted empty">Pick a draft on the left, or start a new one.</p>}
      </section>
    </div>
  );
}

function NewDraftForm({ selectRef }: { selectRef: RefObject<HTMLSelectElement | null> }) {
  const status = useWarRoom((s) => s.incidentState?.status ?? 'investigating');
  const [audience, setAudience] = useState<DraftAudience>('affected');
  const [channel, setChannel] = useState<DraftChannel>('status-page');
  const [customer, setCustomer] = useState('');
  const [template, setTemplate] = useState<TemplateKey | ''>('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await createDraft({
      audience,
      channel,
      template: template || TEMPLATE_FOR_STATUS[status],
      ...(audience === 'customer' ? { customer: customer.trim() } : {}),
    });
    setError(r.ok ? null : r.error);
  };
  return (
    <form className="new-draft" onSubmit={(e) => void submit(e)} aria-label="New customer update">
      <label>
        For
        <select ref={selectRef} aria-label="For" value={audience} onChange={(e) => setAudience(e.target.value as DraftAudience)}>
          {DRAFT_AUDIENCES.map((a) => (
            <option key={a} value={a}>
              {AUDIENCE_LABELS[a]}
            </option>
          ))}
        </select>
      </label>
      {audience === 'customer' ? (
        <label>
          Customer
          <input value={customer} onChange={(e) => setCustomer(e.target.value)} />
        </label>
      ) : null}
      <label>
        Channel
        <select aria-label="Channel" value={channel} onChange={(e) => setChannel(e.target.value as DraftChannel)}>
          {DRAFT_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label>
        Template
        <select aria-label="Template" value={template} onChange={(e) => setTemplate(e.target.value as TemplateKey | '')}>
          <option value="">For the status ({TEMPLATE_FOR_STATUS[status]})</option>
          {TEMPLATE_KEYS.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary">
        New draft
      </button>
      <FormError error={error} />
    </form>
  );
}

/**
 * A local Y.Doc mirrors the draft: keystrokes become Yjs updates (saved in batches), teammates' updates
 * merge in as they arrive. The textarea always shows the merged text.
 */
function useDraftDoc(draft: Draft) {
  const docRef = useRef<Y.Doc | null>(null);
  const applied = useRef(0);
  if (!docRef.current) docRef.current = new Y.Doc();
  const doc = docRef.current;
  const [text, setText] = useState('');
  const pending = useRef<string[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    for (; applied.current < draft.updates.length; applied.current++) {
      try {
        Y.applyUpdate(doc, decodeBase64(draft.updates[applied.current]!));
      } catch {
        // A damaged update was refused by main already; skip it here too.
      }
    }
    setText(docText(doc));
  }, [draft.updates.length, draft.updates, doc]);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const batch = pending.current.splice(0);
    if (batch.length) await saveDraftUpdates(draft.id, batch);
  }, [draft.id]);

  const change = (next: string) => {
    const edit = diffEdit(docText(doc), next);
    if (!edit) return;
    const update = editDraft(doc, edit);
    setText(docText(doc));
    if (!update) return;
    pending.current.push(update);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), 600);
  };

  useEffect(() => () => void flush(), [flush]);
  return { text, change, flush, dirty: () => pending.current.length > 0 };
}

function DraftEditor({ card, draft }: { card: DraftCard; draft: Draft }) {
  const me = useWarRoom((s) => s.info?.actor ?? null);
  const { text, change, flush } = useDraftDoc(draft);
  const [acknowledged, setAcknowledged] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [published, setPublished] = useState<{ text: string; notified: string[] } | null>(null);
  const areaRef = useRef<HTMLTextAreaElement>(null);
  const blockingRules = useMemo(() => [...new Set(card.needsAcknowledgement)], [card.needsAcknowledgement]);
  const step = card.review.state === 'editing' ? 'ready' : card.review.state === 'ready' ? 'approve' : null;
  const mineReady = card.readyBy !== null && me !== null && card.readyBy.id === me.id;

  const review = async (s: 'ready' | 'approve' | 'back') => {
    await flush();
    const r = await reviewDraft(card.id, s, acknowledged);
    setError(r.ok ? null : r.error);
    if (r.ok) setAcknowledged([]);
  };
  const publish = async () => {
    await flush();
    const r = await publishDraft(card.id);
    if (!r.ok) return setError(r.error);
    setError(null);
    setPublished({ text: r.value.text, notified: r.value.notified.map((n) => n.customer) });
  };

  if (published) {
    return (
      <div className="draft-editor">
        <h2 className="column-title">Published: {card.title}</h2>
        <p>
          Recorded in the timeline{published.notified.length ? `; marked notified: ${published.notified.join(', ')}` : ''}. Copy it to the {card.channel}:
        </p>
        <pre className="published-text">{published.text}</pre>
        <div className="form-actions">
          <button type="button" className="primary" autoFocus onClick={() => void copyText(published.text)}>
            Copy text
          </button>
          <button type="button" onClick={() => useWarRoom.getState().selectDraft(null)}>
            Done
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="draft-editor">
      <div className="draft-head">
        <h2 className="column-title">{card.title}</h2>
        <StatusBadge status={card.review.state} />
        <span className="muted small-text">
          {AUDIENCE_LABELS[card.audience]}
          {card.customer ? `: ${card.customer}` : ''} · {card.channel} · editing: {card.editors.join(', ')}
        </span>
      </div>
      <label className="draft-text-label">
        <span className="visually-hidden">Draft text</span>
        <textarea
          ref={areaRef}
          className="draft-text"
          value={text}
          onChange={(e) => change(e.target.value)}
          onBlur={() => void flush()}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void flush();
            }
          }}
          rows={7}
          spellCheck
        />
      </label>
      {card.findings.length ? (
        <ul className="findings" aria-label="Linter findings">
          {card.findings.map((f, i) => (
            <li key={`${f.rule}-${i}`} className={`finding finding-${f.severity}`}>
              <strong>{f.severity}</strong> <span className="mono small-text">{f.rule}</span> “{text.slice(f.start, f.end).slice(0, 80)}”: {f.message}{' '}
              <span className="muted">Fix: {f.suggestion}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">The linter found nothing to fix.</p>
      )}
      {step && blockingRules.length ? (
        <fieldset className="acknowledge">
          <legend>Acknowledge before {step === 'ready' ? 'marking ready' : 'approving'}</legend>
          {blockingRules.map((rule) => (
            <label key={rule} className="check">
              <input
                type="checkbox"
                checked={acknowledged.includes(rule)}
                onChange={(e) => setAcknowledged((a) => (e.target.checked ? [...a, rule] : a.filter((x) => x !== rule)))}
              />{' '}
              {rule}
            </label>
          ))}
        </fieldset>
      ) : null}
      <FormError error={error} />
      <div className="form-actions">
        {card.review.state === 'editing' ? (
          <button type="button" className="primary" onClick={() => void review('ready')}>
            Mark ready for review
          </button>
        ) : null}
        {card.review.state === 'ready' ? (
          <button type="button" className="primary" onClick={() => void review('approve')} disabled={mineReady} title={mineReady ? 'A second person approves' : undefined}>
            Approve
          </button>
        ) : null}
        {card.review.state === 'approved' ? (
          <button type="button" className="primary" onClick={() => void publish()}>
            Publish
          </button>
        ) : null}
        {card.review.state !== 'editing' ? (
          <button type="button" onClick={() => void review('back')}>
            Back to editing
          </button>
        ) : null}
        <button type="button" onClick={() => void flush()}>
          Save <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
        </button>
        <button
          type="button"
          onClick={() =>
            void discardDraft(card.id).then((r) => {
              if (r.ok) useWarRoom.getState().selectDraft(null);
              else setError(r.error);
            })
          }
        >
          Discard
        </button>
      </div>
      {mineReady && card.review.state === 'ready' ? <p className="muted">You marked it ready: a second person (commander or comms) approves it.</p> : null}
      {card.recipients.length ? <p className="muted small-text">Publishing marks notified: {card.recipients.map((r) => r.customer).join(', ')}</p> : null}
    </div>
  );
}

const NO_UPDATES: never[] = [];

function PublishedList({ now }: { now: number }) {
  const updates = useWarRoom((s) => s.incidentState?.updates ?? NO_UPDATES);
  if (updates.length === 0) return null;
  return (
    <>
      <h2 className="column-title">Sent</h2>
      <ul className="published-list">
        {[...updates].reverse().map((u) => (
          <li key={u.id}>
            <TimeStamp at={u.at} now={now} /> · {u.channel} · by {u.by.name}
            {u.approvedBy ? `, approved by ${u.approvedBy.name}` : ''}
          </li>
        ))}
      </ul>
    </>
  );
}
