import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Action, Hypothesis } from '../../src/incident/state.js';
import { ACTION_STATUSES, HYPOTHESIS_STATUSES, type ActionStatus, type HypothesisStatus } from '../../src/model/vocabulary.js';
import { record } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';
import { selectIncidentState } from '../state/selectors.js';
import { hypothesisLabel, numberedHypotheses } from '../lib/hypothesis-numbers.js';
import { useFocusTarget } from '../hooks/use-focus-target.js';
import { StatusBadge } from './Badges.js';

/** One key sets a status (then type the evidence, Enter): "x" + Enter rules a hypothesis out. */
const HYPOTHESIS_KEYS: Record<string, HypothesisStatus> = { o: 'open', i: 'investigating', c: 'confirmed', x: 'ruled-out' };
const ACTION_KEYS: Record<string, ActionStatus> = { p: 'planned', r: 'running', d: 'done', f: 'failed', v: 'reverted' };
const COLUMN_TITLES: Record<HypothesisStatus, string> = { open: 'Open', investigating: 'Investigating', confirmed: 'Confirmed', 'ruled-out': 'Ruled out' };

interface Pending {
  id: string;
  kind: 'hypothesis' | 'action';
  status: string;
}

const live = <T extends { retracted: unknown }>(x: T | undefined): x is T => x !== undefined && x.retracted === null;

/**
 * Hypotheses in columns by status, each with the actions that test it. Everything is reachable and
 * changeable from the keyboard: arrows move between cards, a letter picks the new status, Enter saves it
 * with the evidence typed in between.
 */
export function HypothesisBoard() {
  const state = useWarRoom(selectIncidentState)!;
  const numbers = useMemo(() => new Map(numberedHypotheses(state).map((h) => [h.id, h.number])), [state]);
  const [pending, setPending] = useState<Pending | null>(null);
  /** The card to focus once it shows `status` (null: as it is): a saved status arrives as an event after the save resolves. */
  const [refocus, setRefocus] = useState<{ id: string; status: string | null } | null>(null);
  const boardRef = useRef<HTMLDivElement>(null);
  useFocusTarget('view-board', boardRef);

  const hypotheses = state.hypotheses.map((id) => state.entries[id]).filter(live) as Hypothesis[];
  const actions = state.actions.map((id) => state.entries[id]).filter(live) as Action[];
  const testing = (hid: string) => actions.filter((a) => a.links.includes(hid));
  const unlinked = actions.filter((a) => !a.links.some((l) => live(state.entries[l])));

  // A card moves to another column when its status changes: put focus back on it once it has.
  useEffect(() => {
    if (!refocus) return;
    const entry = state.entries[refocus.id];
    if (refocus.status !== null && entry && 'status' in entry && entry.status !== refocus.status) return;
    const el = boardRef.current?.querySelector<HTMLElement>(`[data-card="${refocus.id}"]`);
    if (el) {
      el.focus();
      setRefocus(null);
    }
  });

  const onCardKey = (e: KeyboardEvent<HTMLElement>, id: string, kind: 'hypothesis' | 'action') => {
    if (e.target !== e.currentTarget || e.ctrlKey || e.metaKey || e.altKey) return;
    const status = kind === 'hypothesis' ? HYPOTHESIS_KEYS[e.key.toLowerCase()] : ACTION_KEYS[e.key.toLowerCase()];
    if (status) {
      e.preventDefault();
      e.stopPropagation();
      setPending({ id, kind, status });
      return;
    }
    if (['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight'].includes(e.key)) {
      e.preventDefault();
      e.stopPropagation();
      moveFocus(boardRef.current, e.currentTarget, e.key);
    }
  };

  const save = async (p: Pending, text: string) => {
    const note = text.trim();
    const r =
      p.kind === 'hypothesis'
        ? await record('hypothesis.status', { target: p.id, status: p.status as HypothesisStatus, ...(note ? { evidence: note } : {}) })
        : await record('action.status', { target: p.id, status: p.status as ActionStatus, ...(note ? { result: note } : {}) });
    if (r.ok) {
      setPending(null);
      setRefocus({ id: p.id, status: p.status });
    }
  };
  const cancel = (p: Pending) => {
    setPending(null);
    setRefocus({ id: p.id, status: null });
  };

  const card = (h: Hypothesis) => (
    <HypothesisCard
      key={h.id}
      h={h}
      number={numbers.get(h.id) ?? 0}
      actions={testing(h.id)}
      pending={pending}
      onKey={onCardKey}
      onSave={save}
      onCancel={cancel}
      onPick={(p) => setPending(p)}
    />
  );

  return (
    <div className="board" ref={boardRef} tabIndex={-1} role="region" aria-label="Hypotheses board">
      <p className="board-help muted">
        Select a card, then <kbd>i</kbd> investigating, <kbd>c</kbd> confirmed, <kbd>x</kbd> ruled out, <kbd>o</kbd> open; type the evidence and press <kbd>Enter</kbd>.
        On an action: <kbd>r</kbd> running, <kbd>d</kbd> done, <kbd>f</kbd> failed.
      </p>
      <div className="board-columns">
        {HYPOTHESIS_STATUSES.map((status) => {
          const inColumn = hypotheses.filter((h) => h.status === status);
          return (
            <section key={status} className={`column column-${status}`} aria-labelledby={`col-${status}`}>
              <h2 id={`col-${status}`} className="column-title">
                {COLUMN_TITLES[status]} <span className="tab-count">{inColumn.length}</span>
              </h2>
              {inColumn.length === 0 ? <p className="muted column-empty">None</p> : <ul className="cards">{inColumn.map(card)}</ul>}
            </section>
          );
        })}
      </div>
      {unlinked.length ? (
        <section className="unlinked" aria-labelledby="unlinked-title">
          <h2 id="unlinked-title" className="column-title">
            Actions not testing a hypothesis
          </h2>
          <ul className="actions">
            {unlinked.map((a) => (
              <ActionItem key={a.id} a={a} pending={pending} onKey={onCardKey} onSave={save} onCancel={cancel} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function HypothesisCard(props: {
  h: Hypothesis;
  number: number;
  actions: Action[];
  pending: Pending | null;
  onKey: (e: KeyboardEvent<HTMLElement>, id: string, kind: 'hypothesis' | 'action') => void;
  onSave: (p: Pending, text: string) => Promise<void>;
  onCancel: (p: Pending) => void;
  onPick: (p: Pending) => void;
}) {
  const { h, number, actions, pending } = props;
  const label = hypothesisLabel(number);
  const editing = pending?.id === h.id ? pending : null;
  return (
    <li className={`card hypothesis-card status-border-${h.status}`}>
      <div
        className="card-main"
        role="group"
        tabIndex={0}
        data-card={h.id}
        aria-label={`${label}: ${h.text}. Status ${h.status}.`}
        aria-describedby={`hint-${h.id}`}
        onKeyDown={(e) => props.onKey(e, h.id, 'hypothesis')}
      >
        <div className="card-head">
          <span className="ref">{label}</span>
          <StatusBadge status={h.status} />
          {h.owner ? <span className="muted">@{h.owner}</span> : null}
        </div>
        <p className="card-text">{h.text}</p>
        {h.evidence ? (
          <p className="evidence">
            <span className="fact-label">Evidence:</span> {h.evidence}
          </p>
        ) : null}
        <span id={`hint-${h.id}`} className="visually-hidden">
          Press i, c, x or o to change the status.
        </span>
      </div>
      {editing ? <StatusEditor pending={editing} what={label} onSave={props.onSave} onCancel={props.onCancel} /> : null}
      {!editing ? (
        <div className="card-buttons">
          {HYPOTHESIS_STATUSES.filter((s) => s !== h.status).map((s) => (
            <button key={s} type="button" className="small" onClick={() => props.onPick({ id: h.id, kind: 'hypothesis', status: s })}>
              {COLUMN_TITLES[s]}
            </button>
          ))}
        </div>
      ) : null}
      {actions.length ? (
        <ul className="actions" aria-label={`Actions testing ${label}`}>
          {actions.map((a) => (
            <ActionItem key={a.id} a={a} pending={pending} onKey={props.onKey} onSave={props.onSave} onCancel={props.onCancel} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function ActionItem(props: {
  a: Action;
  pending: Pending | null;
  onKey: (e: KeyboardEvent<HTMLElement>, id: string, kind: 'hypothesis' | 'action') => void;
  onSave: (p: Pending, text: string) => Promise<void>;
  onCancel: (p: Pending) => void;
}) {
  const { a, pending } = props;
  const editing = pending?.id === a.id ? pending : null;
  return (
    <li className="action">
      <div className="action-main" role="group" tabIndex={0} data-card={a.id} aria-label={`Action: ${a.text}. Status ${a.status}.`} onKeyDown={(e) => props.onKey(e, a.id, 'action')}>
        <StatusBadge status={a.status} /> <span>{a.text}</span>
        {a.owner ? <span className="muted"> @{a.owner}</span> : null}
        {a.result ? <span className="muted"> — {a.result}</span> : null}
      </div>
      {editing ? <StatusEditor pending={editing} what="the action" onSave={props.onSave} onCancel={props.onCancel} /> : null}
    </li>
  );
}

function StatusEditor({ pending, what, onSave, onCancel }: { pending: Pending; what: string; onSave: (p: Pending, text: string) => Promise<void>; onCancel: (p: Pending) => void }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const noun = pending.kind === 'hypothesis' ? 'Evidence' : 'Result';
  const statuses = pending.kind === 'hypothesis' ? HYPOTHESIS_STATUSES : ACTION_STATUSES;
  return (
    <form
      className="status-editor"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        void onSave(pending, text).finally(() => setBusy(false));
      }}
    >
      <label>
        <span>
          Mark {what} <strong>{pending.status.replace('-', ' ')}</strong>. {noun} (optional), then Enter:
        </span>
        <input
          autoFocus
          value={text}
          disabled={busy}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              onCancel(pending);
            }
          }}
          aria-describedby="status-editor-help"
        />
      </label>
      <span id="status-editor-help" className="visually-hidden">
        Statuses: {statuses.join(', ')}. Escape cancels.
      </span>
    </form>
  );
}

/** Arrow keys on the board: up/down within a column, left/right to the nearest card in the next column. */
function moveFocus(board: HTMLElement | null, from: HTMLElement, key: string): void {
  if (!board) return;
  const cards = [...board.querySelectorAll<HTMLElement>('[data-card]')];
  const i = cards.indexOf(from);
  if (i < 0) return;
  if (key === 'ArrowDown' || key === 'ArrowUp') {
    const next = cards[key === 'ArrowDown' ? i + 1 : i - 1];
    next?.focus();
    return;
  }
  const column = from.closest('section');
  const columns = [...board.querySelectorAll<HTMLElement>('section')];
  const ci = column ? columns.indexOf(column) : -1;
  const step = key === 'ArrowRight' ? 1 : -1;
  for (let c = ci + step; c >= 0 && c < columns.length; c += step) {
    const target = columns[c]!.querySelector<HTMLElement>('[data-card]');
    if (target) {
      target.focus();
      return;
    }
  }
}

