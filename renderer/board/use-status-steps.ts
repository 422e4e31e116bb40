import { useCallback, useEffect, useRef, useState } from 'react';
import type { ActionStatus, HypothesisStatus } from '../../src/model/vocabulary.js';
import { record } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';

/**
 * The board's status steps: a key on a card opens a step (new status + evidence) that belongs to that card
 * and nowhere else. Several may be open at once; each is saved with the card id and text it had when Enter
 * was pressed, whatever arrives or moves meanwhile. Saved changes can be undone for a while: undo records a
 * new status event back to the previous status (nothing is rewritten).
 */

export type CardKind = 'hypothesis' | 'action';

export interface StatusStep {
  id: string;
  kind: CardKind;
  status: string;
  text: string;
}

export interface UndoableChange {
  /** Unique per change, for keys and timers. */
  n: number;
  id: string;
  kind: CardKind;
  label: string;
  from: string;
  to: string;
  /** The event that made the change, for telling whether someone else changed the card since. */
  eventId: string;
}

/** How long a status change can be undone from its notice. */
export const UNDO_MS = 30_000;

let changes = 0;

/** Records a status change on a card: a hypothesis's evidence or an action's result goes with it. */
function recordStatus(kind: CardKind, target: string, status: string, note: string) {
  return kind === 'hypothesis'
    ? record('hypothesis.status', { target, status: status as HypothesisStatus, ...(note ? { evidence: note } : {}) }, { quiet: true })
    : record('action.status', { target, status: status as ActionStatus, ...(note ? { result: note } : {}) }, { quiet: true });
}

const statusOf = (id: string): string | null => {
  const entry = useWarRoom.getState().incidentState?.entries[id];
  return entry && 'status' in entry ? entry.status : null;
};

export function useStatusSteps(labelOf: (id: string) => string) {
  // A ref mirrors the steps so a key pressed before React re-renders (a hurried typist) still finds its step.
  const stepsRef = useRef<Record<string, StatusStep>>({});
  const [steps, setStepsState] = useState<Record<string, StatusStep>>({});
  const undoables = useUndoableChanges();

  const setSteps = useCallback((next: Record<string, StatusStep>) => {
    stepsRef.current = next;
    setStepsState(next);
  }, []);

  const open = useCallback(
    (step: Omit<StatusStep, 'text'>) =>
      setSteps({
        ...stepsRef.current,
        [step.id]: { ...step, text: stepsRef.current[step.id]?.status === step.status ? stepsRef.current[step.id]!.text : '' },
      }),
    [setSteps],
  );
  const close = useCallback(
    (id: string) => {
      const { [id]: _closed, ...rest } = stepsRef.current;
      setSteps(rest);
    },
    [setSteps],
  );
  const setText = useCallback(
    (id: string, text: string) => {
      const step = stepsRef.current[id];
      if (step) setSteps({ ...stepsRef.current, [id]: { ...step, text } });
    },
    [setSteps],
  );

  /** Saves the card's step as it is now. The step closes at once; a refused save reopens it, text intact. */
  const save = useCallback(
    async (id: string): Promise<void> => {
      const step = stepsRef.current[id];
      if (!step) return;
      close(id);
      const from = statusOf(id);
      const r = await recordStatus(step.kind, id, step.status, step.text.trim());
      if (!r.ok) {
        // Nothing typed is lost: the step comes back as it was, unless the person has opened a new one there.
        if (!stepsRef.current[id]) setSteps({ ...stepsRef.current, [id]: step });
        useWarRoom.getState().toast({ kind: 'error', incident: null, title: `${labelOf(id)} not saved`, body: r.error });
        return;
      }
      if (from === null || from === step.status) return;
      undoables.remember({ id, kind: step.kind, label: labelOf(id), from, to: step.status, eventId: r.value.id });
    },
    [close, setSteps, labelOf, undoables.remember],
  );

  return {
    steps,
    stepsRef,
    open,
    close,
    setText,
    save,
    undoable: undoables.undoable,
    undo: undoables.undo,
    undoMessage: undoables.undoMessage,
    dismissUndo: undoables.forgetAll,
  };
}

/** Saved status changes that can still be undone for a while, and the undo itself. */
function useUndoableChanges() {
  const [undoable, setUndoable] = useState<UndoableChange[]>([]);
  const [undoMessage, setUndoMessage] = useState<string | null>(null);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const forget = useCallback((n: number) => {
    clearTimeout(timers.current.get(n));
    timers.current.delete(n);
    setUndoable((list) => list.filter((c) => c.n !== n));
  }, []);

  useEffect(() => {
    const all = timers.current;
    return () => all.forEach((t) => clearTimeout(t));
  }, []);

  const remember = useCallback(
    (saved: Omit<UndoableChange, 'n'>) => {
      const change: UndoableChange = { n: ++changes, ...saved };
      setUndoMessage(null);
      setUndoable((list) => [...list.filter((c) => c.id !== change.id), change]);
      timers.current.set(
        change.n,
        setTimeout(() => forget(change.n), UNDO_MS),
      );
    },
    [forget],
  );

  /**
   * Undoes one change: the one numbered `n`, else the newest on the card `card` (Ctrl+Z on a focused card acts
   * on that card, not on whatever changed last elsewhere), else the newest. A new status event back to where it was.
   */
  const undo = useCallback(
    async (n?: number, card?: string): Promise<void> => {
      const change =
        n !== undefined
          ? undoable.find((c) => c.n === n)
          : card !== undefined
            ? undoable.findLast((c) => c.id === card)
            : undoable[undoable.length - 1];
      if (!change) {
        if (card !== undefined) setUndoMessage('Nothing to undo on this card');
        return;
      }
      forget(change.n);
      const now = statusOf(change.id);
      if (now !== change.to) {
        setUndoMessage(`${change.label} was changed again since (now ${now ?? 'gone'}): nothing undone`);
        return;
      }
      const r = await recordStatus(change.kind, change.id, change.from, `undo: back from ${change.to}`);
      setUndoMessage(r.ok ? `${change.label} is ${change.from.replace('-', ' ')} again` : `Could not undo ${change.label}: ${r.error}`);
    },
    [undoable, forget],
  );

  /** Keeps every change on the notice: it goes away, the changes stay. */
  const forgetAll = useCallback(() => {
    setUndoable((list) => {
      list.forEach((c) => clearTimeout(timers.current.get(c.n)));
      return [];
    });
    setUndoMessage(null);
  }, []);

  return { undoable, undoMessage, forget, forgetAll, remember, undo };
}
