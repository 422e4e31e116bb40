import type { Hypothesis, IncidentState } from '../../src/model/incident-state.js';

export interface NumberedHypothesis {
  id: string;
  /**
   * H1, H2, ...: the room's agreed order of raising them, what people say on the call ("H2 is ruled out"); it
   * never changes once shown. 0 while the hypothesis is provisional (written offline, not yet on the hub).
   */
  number: number;
  text: string;
  status: Hypothesis['status'];
  retracted: boolean;
}

/** Every hypothesis with its number, in the order they were raised (retracted ones keep their number). */
export function numberedHypotheses(state: Pick<IncidentState, 'hypotheses' | 'entries' | 'provisional'>): NumberedHypothesis[] {
  const out: NumberedHypothesis[] = [];
  const provisional = new Set(state.provisional);
  // Positioned hypotheses fold before provisional ones, so counting the positioned ones numbers them.
  let n = 0;
  for (const id of state.hypotheses) {
    const h = state.entries[id];
    const number = provisional.has(id) ? 0 : ++n;
    if (h?.kind === 'hypothesis') out.push({ id, number, text: h.text, status: h.status, retracted: h.retracted !== null });
  }
  return out;
}

/** "H3"; "H?" for one not yet numbered by the hub (see NumberedHypothesis.number). */
export const hypothesisLabel = (n: number): string => (n > 0 ? `H${n}` : 'H?');

const numbersByState = new WeakMap<object, Map<string, number>>();

/**
 * Hypothesis id -> number, computed once per folded state however many components ask (the timeline and
 * the summary both do, on every new entry; with thousands of hypotheses that shows). A fold produces a new
 * state object, so a cached map is never stale.
 */
export function hypothesisNumbers(state: Pick<IncidentState, 'hypotheses' | 'entries' | 'provisional'>): Map<string, number> {
  let numbers = numbersByState.get(state);
  if (!numbers) {
    numbers = new Map(numberedHypotheses(state).map((h) => [h.id, h.number]));
    numbersByState.set(state, numbers);
  }
  return numbers;
}
