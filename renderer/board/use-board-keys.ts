import { useEffect, useRef, type RefObject } from 'react';
import type { HypothesisStatus, ActionStatus } from '../../src/model/vocabulary.js';
import { useWarRoom } from '../state/store.js';
import type { OnCardKey } from './BoardCards.js';
import type { useStatusSteps } from './use-status-steps.js';

/** One key sets a status (then type the evidence, Enter): "x" + Enter rules a hypothesis out. */
const HYPOTHESIS_KEYS: Record<string, HypothesisStatus> = { o: 'open', i: 'investigating', c: 'confirmed', x: 'ruled-out' };
const ACTION_KEYS: Record<string, ActionStatus> = { p: 'planned', r: 'running', d: 'done', f: 'failed', v: 'reverted' };

type Triage = ReturnType<typeof useStatusSteps>;

/**
 * The board from the keyboard: arrows move between cards, a letter opens a status step on the card, what is
 * typed next is that step's evidence, Enter saves it and Escape drops it. Focus follows a saved card to its
 * new column only if the person has not moved on meanwhile.
 */
export function useBoardKeys(boardRef: RefObject<HTMLDivElement | null>, triage: Triage, readOnly: boolean) {
  const follow = useFollowSavedCard(boardRef);
  const cardEl = (id: string) => boardRef.current?.querySelector<HTMLElement>(`[data-card="${id}"]`) ?? null;

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

  /** Keys typed on a card whose step is open go into the step: evidence, never a shortcut. */
  const typeIntoStep = (e: Parameters<OnCardKey>[0], id: string): boolean => {
    const step = triage.stepsRef.current[id];
    if (!step) return false;
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
    } else return true;
    e.preventDefault();
    e.stopPropagation();
    return true;
  };

  const onCardKey: OnCardKey = (e, id, kind) => {
    if (e.target !== e.currentTarget) return;
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'z' && !e.shiftKey) {
      e.preventDefault();
      e.stopPropagation();
      // The undone card moves back to its old column: focus goes with it, as after a saved step.
      const back = triage.undoable.findLast((c) => c.id === id)?.from;
      if (back) follow.current = { id, status: back };
      void triage.undo(undefined, id);
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (typeIntoStep(e, id)) return;
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

  return { onCardKey, saveStep, cancelStep };
}

/** A card whose saved status change will move it: focus follows it to its new column unless the person moved on. */
function useFollowSavedCard(boardRef: RefObject<HTMLDivElement | null>) {
  const follow = useRef<{ id: string; status: string } | null>(null);

  useEffect(() => {
    const f = follow.current;
    if (!f) return;
    const active = document.activeElement;
    const el = boardRef.current?.querySelector<HTMLElement>(`[data-card="${f.id}"]`) ?? null;
    const lost = active === null || active === document.body;
    if (!lost && active !== el) {
      // The person is somewhere else now (another card, another step): never pull them back.
      follow.current = null;
      return;
    }
    if (lost && el) el.focus();
    const entry = useWarRoom.getState().incidentState?.entries[f.id];
    if (entry && 'status' in entry && entry.status === f.status) follow.current = null;
  });
  return follow;
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
