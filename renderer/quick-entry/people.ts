import type { IncidentState } from '../../src/model/incident-state.js';
import type { SyncStatus } from '../../src/ipc/contract.js';

/**
 * The names an `@` can own something by: me, who is in the room now, who holds a role, who has written and
 * who already owns something; each once (case-insensitively), people present first. Walked only while an
 * `@` is on the line, so a long log costs nothing while nobody is picking an owner.
 */
export function peopleToOwn(state: IncidentState | null, me: string | null, sync: SyncStatus | null): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  const add = (name: string | undefined) => {
    const n = name?.trim();
    if (!n || seen.has(n.toLowerCase())) return;
    seen.add(n.toLowerCase());
    names.push(n);
  };
  add(me ?? undefined);
  for (const m of sync?.members ?? []) add(m.name);
  if (!state) return names;
  for (const p of Object.values(state.roles)) add(p?.name);
  for (const e of Object.values(state.entries)) {
    add(e.author.name);
    add(e.owner);
  }
  return names;
}
