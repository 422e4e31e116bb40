import type { Hypothesis, IncidentState } from '../../src/model/incident-state.js';

export interface NumberedHypothesis {
  id: string;
  /** H1, H2, ...: the order hypotheses were raised in, what people say on the call ("H2 is ruled out"). */
  number: number;
  text: string;
  status: Hypothesis['status'];
  retracted: boolean;
}

/** Every hypothesis with its number, in the order they were raised (retracted ones keep their number). */
export function numberedHypotheses(state: Pick<IncidentState, 'hypotheses' | 'entries'>): NumberedHypothesis[] {
  const out: NumberedHypothesis[] = [];
  state.hypotheses.forEach((id, i) => {
    const h = state.entries[id];
    if (h?.kind === 'hypothesis') out.push({ id, number: i + 1, text: h.text, status: h.status, retracted: h.retracted !== null });
  });
  return out;
}

export const hypothesisLabel = (n: number): string => `H${n}`;

const numbersByState = new WeakMap<object, Map<string, number>>();

/**
 * Hypothesis id -> number, computed once per folded state however many components ask (the timeline and
 * the summary both do, on every new entry; with thousands of hypotheses that shows). A fold produces a new
 * state object, so a cached map is never stale.
 */
export function hypothesisNumbers(state: Pick<IncidentState, 'hypotheses' | 'entries'>): Map<string, number> {
  let numbers = numbersByState.get(state);
  if (!numbers) {
    numbers = new Map(numberedHypotheses(state).map((h) => [h.id, h.number]));
    numbersByState.set(state, numbers);
  }
  return numbers;
}
