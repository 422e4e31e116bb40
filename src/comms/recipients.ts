import type { CustomerImpact, Draft, IncidentState } from '../model/incident-state.js';

/**
 * The customer impacts a draft reaches and that publishing it marks notified: every live impact for
 * "affected customers", the named one for "one customer". "All customers" (a status page) and internal
 * updates tell nobody in particular, so they mark nobody.
 */
export function recipientsOf(
  state: Pick<IncidentState, 'impacts' | 'impactOrder'>,
  draft: Pick<Draft, 'audience' | 'customer'>,
): CustomerImpact[] {
  const live = state.impactOrder.map((id) => state.impacts[id]).filter((i): i is CustomerImpact => i !== undefined && i.retracted === null);
  if (draft.audience === 'affected') return live;
  if (draft.audience === 'customer' && draft.customer) {
    const name = draft.customer.trim().toLowerCase();
    return live.filter((i) => i.customer.trim().toLowerCase() === name);
  }
  return [];
}
