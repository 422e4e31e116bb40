import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { Action, Hypothesis } from '../../src/incident/state.js';
import { ACTION_STATUSES, HYPOTHESIS_STATUSES, type ActionStatus, type HypothesisStatus } from '../../src/model/vocabulary.js';
import { useWarRoom } from '../state/store.js';
import { selectIncidentState, selectReadOnly } from '../state/selectors.js';
import { hypothesisLabel, numberedHypotheses } from '../lib/hypothesis-numbers.js';
import { useFocusTarget } from '../hooks/use-focus-target.js';
import { useStatusSteps, type CardKind, type StatusStep, type UndoableChange } from './use-status-steps.js';
import { StatusBadge } from '../shared/Badges.js';

/** One key sets a status (then type the evidence, Enter): "x" + Enter rules a hypothesis out. */
const HYPOTHESIS_KEYS: Record<string, HypothesisStatus> = { o: 'open', i: 'investigating', c: 'confirmed', x: 'ruled-out' };
const ACTION_KEYS: Record<string, ActionStatus> = { p: 'planned', r: 'running', d: 'done', f: 'failed', v: 'reverted' };
const COLUMN_TITLES: Record<HypothesisStatus, string> = {
  open: 'Open',
  investigating: 'Investigating',
  confirmed: 'Confirmed',
  'ruled-out': 'Ruled out',
};

const live = <T extends { retracted: unknown }>(x: T | undefined): x is T => x !== undefined && x.retracted === null;

type OnCardKey = (e: KeyboardEvent<HTMLElement>, id: string, kind: CardKind) => void;

interface StepProps {
  steps: Record<string, StatusStep>;
  readOnly: boolean;
  onKey: OnCardKey;
  onText: (id: string, text: string) => void;
  onSave: (id: string) => void;
  onCancel: (id: string) => void;
  onPick: (id: string, kind: CardKind, status: string) => void;
}

/**
 * Hypotheses in columns by status, each with the actions that test it. Everything is reachable and
 * changeable from the keyboard: arrows move between cards, a letter opens a status step on the card, the
 * evidence typed next belongs to that step, Enter saves it. A step belongs to its card: keys typed on a card
 * whose step is open go into the step (never taken as shortcuts), and focus follows a saved card to its new
 * column only if the person has not moved on meanwhile.
 */
export function HypothesisBoard() {
  const state = useWarRoom(selectIncidentState)!;
  const readOnly = useWarRoom(selectReadOnly);
  const numbers = useMemo(() => new Map(numberedHypotheses(state).map((h) => [h.id, h.number])), [state]);
  const numbersRef = useRef(numbers);
  numbersRef.current = numbers;
  const labelOf = useCallback((id: string) => {
    const n = numbersRef.current.get(id);
    if (n !== undefined) return hypothesisLabel(n);
    const entry = useWarRoom.getState().incidentState?.entries[id];
    return entry ? `Action “${entry.text.length > 40 ? `${entry.text.slice(0, 39)}…` : entry.text}”` : 'The card';
  }, []);
  const triage = useStatusSteps(labelOf);
  /** A card whose saved status change will move it: focus follows it there unless the person moved on. */
  const follow = useRef<{ id: string; status: string } | null>(null);
  const boardRef = useRef<HTMLDivElement>(null);
  useFocusTarget('view-board', boardRef);

  const hypotheses = state.hypotheses.map((id) => state.entries[id]).filter(live) as Hypothesis[];
  const actions = state.actions.map((id) => state.entries[id]).filter(live) as Action[];
  const testing = (hid: string) => actions.filter((a) => a.links.includes(hid));
  const unlinked = actions.filter((a) => !a.links.some((l) => live(state.entries[l])));

  const cardEl = (id: string) => boardRef.current?.querySelector<HTMLElement>(`[data-card="${id}"]`) ?? null;

  useEffect(() => {
    const f = follow.current;
    if (!f) return;
    const active = document.activeElement;
    const el = cardEl(f.id);
    const lost = active === null || active === document.body;
    if (!lost && active !== el) {
      // The person is somewhere else now (another card, another step): never pull them back.
      follow.current = null;
      return;
    }
    if (lost && el) el.focus();
    const entry = state.entries[f.id];
    if (entry && 'status' in entry && entry.status === f.status) follow.current = null;
  });

  const saveStep = (id: string) => {
    const step = triage.stepsRef.current[id];
    if (!step) return;
    // Focus goes to the card now, while it is still where the person sees it; the save runs on its own.
    cardEl(id)?.focus();
    follow.current = { id, status: step.status };
    void triage.save(id);
  };
  const cancelStep = (id: string) => {
    triage.close(id);
    cardEl(id)?.focus();
  };

  const onCardKey: OnCardKey = (e, id, kind) => {
    if (e.target !== e.currentTarget) return;
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'z' && !e.shiftKey) {
      if (triage.undoable.length) {
        e.preventDefault();
        e.stopPropagation();
        void triage.undo();
      }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const step = triage.stepsRef.current[id];
    if (step) {
      // A step is open on this card (its box may not have focus yet): what is typed is evidence, not a shortcut.
      if (e.key === 'Enter') saveStep(id);
      else if (e.key === 'Escape') cancelStep(id);
      else if (e.key === 'Backspace') triage.setText(id, step.text.slice(0, -1));
      else if (e.key.length === 1) {
        triage.setText(id, step.text + e.key);
        // Into the step's own box (part of this card), so what follows is typed there natively.
        requestAnimationFrame(() => {
          if (document.activeElement === e.currentTarget || document.activeElement === document.body)
            boardRef.current?.querySelector<HTMLElement>(`[data-step="${id}"]`)?.focus();
        });
      } else return;
      e.preventDefault();
      e.stopPropagation();
      return;
    }
    const status = readOnly ? undefined : kind === 'hypothesis' ? HYPOTHESIS_KEYS[e.key.toLowerCase()] : ACTION_KEYS[e.key.toLowerCase()];
    if (status) {
      e.preventDefault();
      e.stopPropagation();
      triage.open({ id, kind, status });
      return;
    }
    if (['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight'].includes(e.key)) {
      e.preventDefault();
      e.stopPropagation();
      moveFocus(boardRef.current, e.currentTarget, e.key);
    }
  };

  const stepProps: StepProps = {
    steps: triage.steps,
    readOnly,
    onKey: onCardKey,
    onText: triage.setText,
    onSave: saveStep,
    onCancel: cancelStep,
    onPick: (id, kind, status) => triage.open({ id, kind, status }),
  };

  return (
    <div className="board" ref={boardRef} tabIndex={-1} role="region" aria-label="Hypotheses board">
      <p className="board-help muted">
        {readOnly ? (
          'Read-only: you joined as a viewer.'
        ) : (
          <>
            Select a card, then <kbd>i</kbd> investigating, <kbd>c</kbd> confirmed, <kbd>x</kbd> ruled out, <kbd>o</kbd> open; type the
            evidence and press <kbd>Enter</kbd>. On an action: <kbd>r</kbd> running, <kbd>d</kbd> done, <kbd>f</kbd> failed. <kbd>Ctrl</kbd>
            +<kbd>Z</kbd> undoes the last change.
          </>
        )}
      </p>
      <UndoNotice
        changes={triage.undoable}
        message={triage.undoMessage}
        onUndo={(n) => void triage.undo(n)}
        onDismiss={triage.dismissUndo}
      />
      <div className="board-columns">
        {HYPOTHESIS_STATUSES.map((status) => {
          const inColumn = hypotheses.filter((h) => h.status === status);
          return (
            <section key={status} className={`column column-${status}`} aria-labelledby={`col-${status}`}>
              <h2 id={`col-${status}`} className="column-title">
                {COLUMN_TITLES[status]} <span className="tab-count">{inColumn.length}</span>
              </h2>
              {inColumn.length === 0 ? (
                <p className="muted column-empty">None</p>
              ) : (
                <ul className="cards">
                  {inColumn.map((h) => (
                    <HypothesisCard key={h.id} h={h} number={numbers.get(h.id) ?? 0} actions={testing(h.id)} {...stepProps} />
                  ))}
                </ul>
              )}
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
              <ActionItem key={a.id} a={a} {...stepProps} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function HypothesisCard(props: { h: Hypothesis; number: number; actions: Action[] } & StepProps) {
  const { h, number, actions, steps } = props;
  const label = hypothesisLabel(number);
  const step = steps[h.id] ?? null;
  return (
    <li className={`card hypothesis-card status-border-${h.status}`}>
      <div
        className="card-main"
        role="group"
        tabIndex={0}
        data-card={h.id}
        aria-label={`${label}: ${h.text}. Status ${h.status}.`}
        aria-describedby={props.readOnly ? undefined : `hint-${h.id}`}
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
        {props.readOnly ? null : (
          <span id={`hint-${h.id}`} className="visually-hidden">
            Press i, c, x or o to change the status.
          </span>
        )}
      </div>
      {step ? <StatusEditor step={step} what={label} {...props} /> : null}
      {!step && !props.readOnly ? (
        <div className="card-buttons">
          {HYPOTHESIS_STATUSES.filter((s) => s !== h.status).map((s) => (
            <button key={s} type="button" className="small" onClick={() => props.onPick(h.id, 'hypothesis', s)}>
              {COLUMN_TITLES[s]}
            </button>
          ))}
        </div>
      ) : null}
      {actions.length ? (
        <ul className="actions" aria-label={`Actions testing ${label}`}>
          {actions.map((a) => (
            <ActionItem key={a.id} a={a} {...props} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function ActionItem(props: { a: Action } & StepProps) {
  const { a, steps } = props;
  const step = steps[a.id] ?? null;
  return (
    <li className="action">
      <div
        className="action-main"
        role="group"
        tabIndex={0}
        data-card={a.id}
        aria-label={`Action: ${a.text}. Status ${a.status}.`}
        onKeyDown={(e) => props.onKey(e, a.id, 'action')}
      >
        <StatusBadge status={a.status} /> <span>{a.text}</span>
        {a.owner ? <span className="muted"> @{a.owner}</span> : null}
        {a.result ? <span className="muted"> — {a.result}</span> : null}
      </div>
      {step ? <StatusEditor step={step} what="the action" {...props} /> : null}
    </li>
  );
}

function StatusEditor({ step, what, onText, onSave, onCancel }: { step: StatusStep; what: string } & StepProps) {
  const noun = step.kind === 'hypothesis' ? 'Evidence' : 'Result';
  const statuses = step.kind === 'hypothesis' ? HYPOTHESIS_STATUSES : ACTION_STATUSES;
  const helpId = `status-editor-help-${step.id}`;
  const inputRef = useRef<HTMLInputElement>(null);
  // Focus the box when the step opens from its card, not when a card that had a step open remounts in
  // another column (a teammate moved it) while the person is working somewhere else.
  useLayoutEffect(() => {
    const active = document.activeElement;
    if (active === null || active === document.body || active.getAttribute('data-card') === step.id) inputRef.current?.focus();
  }, []);
  return (
    <form
      className="status-editor"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(step.id);
      }}
    >
      <label>
        <span>
          Mark {what} <strong>{step.status.replace('-', ' ')}</strong>. {noun} (optional), then Enter:
        </span>
        <input
          ref={inputRef}
          value={step.text}
          data-step={step.id}
          onChange={(e) => onText(step.id, e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              onCancel(step.id);
            }
          }}
          aria-describedby={helpId}
        />
      </label>
      <span id={helpId} className="visually-hidden">
        Statuses: {statuses.join(', ')}. Escape cancels.
      </span>
    </form>
  );
}

/** Saved status changes that can still be undone: the newest first, each with its own button. */
function UndoNotice({
  changes,
  message,
  onUndo,
  onDismiss,
}: {
  changes: UndoableChange[];
  message: string | null;
  onUndo: (n: number) => void;
  onDismiss: (n: number) => void;
}) {
  if (!changes.length && !message) return null;
  const newest = [...changes].reverse().slice(0, 3);
  return (
    <div className="undo-notice" role="status" data-testid="undo-notice">
      {message ? <p className="undo-message">{message}</p> : null}
      {newest.map((c) => (
        <p key={c.n} className="undo-item">
          <span>
            {c.label} marked <strong>{c.to.replace('-', ' ')}</strong> (was {c.from.replace('-', ' ')}).
          </span>{' '}
          <button type="button" className="small" onClick={() => onUndo(c.n)}>
            Undo {c.label}
          </button>{' '}
          <button type="button" className="icon-button" aria-label={`Keep: ${c.label} ${c.to}`} onClick={() => onDismiss(c.n)}>
            ✕
          </button>
        </p>
      ))}
    </div>
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
