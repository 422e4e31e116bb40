import type { Hypothesis, IncidentState } from '../../src/incident/state.js';

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
