import type { CustomerImpact } from '../../src/model/incident-state.js';

export const IMPACT_SORTS = [
  { value: 'impact', label: 'Impact (critical first)' },
  { value: 'name', label: 'Name' },
  { value: 'added', label: 'Date added' },
] as const;
export type ImpactSort = (typeof IMPACT_SORTS)[number]['value'];

const LEVEL_RANK = { critical: 0, major: 1, minor: 2 } as const;

/**
 * The customer list in the order asked for. "Impact" puts the worst hit first and, within a level, those
 * not yet told before those already told: the top of the list is who to call next.
 */
export function sortImpacts(impacts: readonly CustomerImpact[], sort: ImpactSort): CustomerImpact[] {
  const byName = (a: CustomerImpact, b: CustomerImpact): number => a.customer.localeCompare(b.customer);
  const list = [...impacts];
  if (sort === 'name') return list.sort(byName);
  if (sort === 'added') return list.sort((a, b) => a.addedAt - b.addedAt || byName(a, b));
  return list.sort(
    (a, b) =>
      Number(a.resolved) - Number(b.resolved) ||
      LEVEL_RANK[a.level] - LEVEL_RANK[b.level] ||
      Number(a.notifiedAt !== null) - Number(b.notifiedAt !== null) ||
      byName(a, b),
  );
}
