import { useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { ACTION_STATUSES, HYPOTHESIS_STATUSES, type HypothesisStatus } from '../../src/model/vocabulary.js';
import { hypothesisLabel } from '../lib/hypothesis-numbers.js';
import { StatusBadge } from '../shared/Badges.js';
import type { BoardAction, BoardHypothesis } from './board-view.js';
import type { CardKind, StatusStep } from './use-status-steps.js';

export const COLUMN_TITLES: Record<HypothesisStatus, string> = {
  open: 'Open',
  investigating: 'Investigating',
  confirmed: 'Confirmed',
  'ruled-out': 'Ruled out',
};

export type OnCardKey = (e: KeyboardEvent<HTMLElement>, id: string, kind: CardKind) => void;

/** What every card needs to open, type into, save and cancel its status step. */
export interface StepProps {
  steps: Record<string, StatusStep>;
  readOnly: boolean;
  onKey: OnCardKey;
  onText: (id: string, text: string) => void;
  onSave: (id: string) => void;
  onCancel: (id: string) => void;
  onPick: (id: string, kind: CardKind, status: string) => void;
}

export function HypothesisCard(props: { h: BoardHypothesis } & StepProps) {
  const { h, steps } = props;
  const { number, actions } = h;
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

export function ActionItem(props: { a: BoardAction } & StepProps) {
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
