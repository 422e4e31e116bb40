import type { Action, Hypothesis, IncidentState } from '../../src/model/incident-state.js';
import type { ActionStatus, HypothesisStatus } from '../../src/model/vocabulary.js';
import { numberedHypotheses } from '../lib/hypothesis-numbers.js';
import { derivedView, samePlain } from '../state/derived-view.js';

/** A card as the board draws it: a copy, since the fold changes entries in place. */
export interface BoardHypothesis {
  id: string;
  number: number;
  text: string;
  status: HypothesisStatus;
  owner?: string;
  evidence?: string;
  /** Live actions that test it. */
  actions: BoardAction[];
}

export interface BoardAction {
  id: string;
  text: string;
  status: ActionStatus;
  owner?: string;
  result?: string;
}

export interface BoardView {
  /** Live hypotheses in the order they were raised. */
  hypotheses: BoardHypothesis[];
  /** Live actions that test no live hypothesis. */
  unlinked: BoardAction[];
}

const live = <T extends { retracted: unknown }>(x: T | undefined): x is T => x !== undefined && x.retracted === null;

const actionCard = (a: Action): BoardAction => ({
  id: a.id,
  text: a.text,
  status: a.status,
  ...(a.owner ? { owner: a.owner } : {}),
  ...(a.result ? { result: a.result } : {}),
});

export function boardView(state: IncidentState): BoardView {
  const numbers = new Map(numberedHypotheses(state).map((h) => [h.id, h.number]));
  const actions = state.actions.map((id) => state.entries[id]).filter(live) as Action[];
  const hypotheses = (state.hypotheses.map((id) => state.entries[id]).filter(live) as Hypothesis[]).map((h): BoardHypothesis => ({
    id: h.id,
    number: numbers.get(h.id) ?? 0,
    text: h.text,
    status: h.status,
    ...(h.owner ? { owner: h.owner } : {}),
    ...(h.evidence ? { evidence: h.evidence } : {}),
    actions: actions.filter((a) => a.links.includes(h.id)).map(actionCard),
  }));
  const unlinked = actions.filter((a) => !a.links.some((l) => live(state.entries[l]))).map(actionCard);
  return { hypotheses, unlinked };
}

/** The board's cards, the same object until a hypothesis or an action it shows changes (a note, a customer, a draft do not). */
export const selectBoardView = derivedView(boardView, samePlain);
