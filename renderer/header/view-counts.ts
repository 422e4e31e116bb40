import { useShallow } from 'zustand/react/shallow';
import type { IncidentState } from '../../src/model/incident-state.js';
import { useWarRoom } from '../state/store.js';

/** Multi-field read for the tab bar (useShallow keeps it from re-rendering on unrelated changes). */
export function useViewCounts() {
  return useWarRoom(useShallow((s) => (s.incidentState ? viewCounts(s.incidentState) : NO_COUNTS)));
}

const NO_COUNTS = { timeline: 0, hypotheses: 0, customers: 0, drafts: 0, followUps: 0 };
const countsByState = new WeakMap<IncidentState, typeof NO_COUNTS>();

/** Once per folded state: the selector runs on every store change (a toast, a focus request), the counts walk every entry. */
function viewCounts(st: IncidentState): typeof NO_COUNTS {
  let counts = countsByState.get(st);
  if (!counts) {
    counts = {
      timeline: st.timeline.length,
      hypotheses: st.hypotheses.filter((id) => st.entries[id]?.retracted === null).length,
      customers: st.impactOrder.filter((id) => st.impacts[id]?.retracted === null).length,
      drafts: st.draftOrder.filter((id) => st.drafts[id]?.retracted === null && st.drafts[id]?.publishedAt === null).length,
      followUps: (st.followUpOrder ?? []).filter((id) => st.followUps?.[id]?.status === 'open').length,
    };
    countsByState.set(st, counts);
  }
  return counts;
}
