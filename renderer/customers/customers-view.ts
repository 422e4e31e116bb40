import type { CustomerImpact } from '../../src/model/incident-state.js';
import { derivedView, samePlain } from '../state/derived-view.js';

/**
 * Every customer listed, removed ones too (they are offered back for a while), as copies: the fold updates an
 * impact in place. The same array until a customer is added, changed or removed, so a note or a hypothesis
 * does not render the table again.
 */
export const selectImpacts = derivedView<CustomerImpact[]>(
  (state) => state.impactOrder.flatMap((id) => (state.impacts[id] ? [{ ...state.impacts[id] }] : [])),
  samePlain,
);
