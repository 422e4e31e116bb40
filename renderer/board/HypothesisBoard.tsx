import './board.css';
import { useCallback, useRef } from 'react';
import { HYPOTHESIS_STATUSES } from '../../src/model/vocabulary.js';
import { useWarRoom } from '../state/store.js';
import { selectReadOnly } from '../state/selectors.js';
import { hypothesisLabel } from '../lib/hypothesis-numbers.js';
import { useFocusTarget } from '../hooks/use-focus-target.js';
import { useStatusSteps } from './use-status-steps.js';
import { useBoardKeys } from './use-board-keys.js';
import { selectBoardView, type BoardView } from './board-view.js';
import { ActionItem, COLUMN_TITLES, HypothesisCard, type StepProps } from './BoardCards.js';
import { UndoNotice } from './UndoNotice.js';

/**
 * Hypotheses in columns by status, each with the actions that test it. Everything is reachable and
 * changeable from the keyboard: arrows move between cards, a letter opens a status step on the card, the
 * evidence typed next belongs to that step, Enter saves it. A step belongs to its card: keys typed on a card
 * whose step is open go into the step (never taken as shortcuts), and focus follows a saved card to its new
 * column only if the person has not moved on meanwhile.
 */
export function HypothesisBoard() {
  const view = useWarRoom(selectBoardView)!;
  const readOnly = useWarRoom(selectReadOnly);
  const viewRef = useRef(view);
  viewRef.current = view;
  const labelOf = useCallback((id: string) => {
    const n = viewRef.current.hypotheses.find((h) => h.id === id)?.number;
    if (n !== undefined) return hypothesisLabel(n);
    const entry = useWarRoom.getState().incidentState?.entries[id];
    return entry ? `Action “${entry.text.length > 40 ? `${entry.text.slice(0, 39)}…` : entry.text}”` : 'The card';
  }, []);
  const triage = useStatusSteps(labelOf);
  const boardRef = useRef<HTMLDivElement>(null);
  useFocusTarget('view-board', boardRef);
  const { onCardKey, saveStep, cancelStep } = useBoardKeys(boardRef, triage, readOnly);

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
    // The undo line sits below the scrolling cards, never over them, and appearing it moves none of them.
    <div className="board-frame" ref={boardRef} tabIndex={-1} role="region" aria-label="Hypotheses board">
      <div className="board">
        <BoardHelp readOnly={readOnly} />
        <BoardColumns view={view} stepProps={stepProps} />
        {view.unlinked.length ? (
          <section className="unlinked" aria-labelledby="unlinked-title">
            <h2 id="unlinked-title" className="column-title">
              Actions not testing a hypothesis
            </h2>
            <ul className="actions">
              {view.unlinked.map((a) => (
                <ActionItem key={a.id} a={a} {...stepProps} />
              ))}
            </ul>
          </section>
        ) : null}
      </div>
      <UndoNotice
        changes={triage.undoable}
        message={triage.undoMessage}
        onUndo={(n) => void triage.undo(n)}
        onDismissAll={triage.dismissUndo}
      />
    </div>
  );
}

function BoardHelp({ readOnly }: { readOnly: boolean }) {
  return (
    <p className="board-help muted">
      {readOnly ? (
        'Read-only: you joined as a viewer.'
      ) : (
        <>
          Select a card, then <kbd>i</kbd> investigating, <kbd>c</kbd> confirmed, <kbd>x</kbd> ruled out, <kbd>o</kbd> open; type the
          evidence and press <kbd>Enter</kbd>. On an action: <kbd>r</kbd> running, <kbd>d</kbd> done, <kbd>f</kbd> failed. <kbd>Ctrl</kbd>+
          <kbd>Z</kbd> undoes the selected card’s last change.
        </>
      )}
    </p>
  );
}

function BoardColumns({ view, stepProps }: { view: BoardView; stepProps: StepProps }) {
  return (
    <div className="board-columns">
      {HYPOTHESIS_STATUSES.map((status) => {
        const inColumn = view.hypotheses.filter((h) => h.status === status);
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
                  <HypothesisCard key={h.id} h={h} {...stepProps} />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
