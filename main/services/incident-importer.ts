import { unlink } from 'node:fs/promises';
import { readIncidentExport } from '../../src/export/json-reader.js';
import { fold } from '../../src/incident/fold.js';
import type { IncidentState } from '../../src/model/incident-state.js';
import { fail, ok, type Result } from '../../src/model/result.js';
import type { IncidentLogStore } from './incident-log-store.js';
import { asUnverified, checkImport } from '../identity/import-check.js';

export interface ImportOptions {
  /**
   * Keep events whose identity does not hold, as unverified history (stored unsigned, marked so everywhere),
   * instead of refusing the file.
   */
  keepUnverified?: boolean;
}

/** How many problems a refusal names before it says "and N more". */
const NAMED_PROBLEMS = 5;

export interface ImportReport {
  incident: string;
  events: number;
  /** Things worth knowing that did not stop the import. */
  warnings: string[];
}

/**
 * Recreates an incident from a JSON export: every event validated first, then all appended in one durable
 * write to a new log, exactly as exported (ids, origins, seqs, clocks, actors). Refuses an incident that already
 * exists here: merging two histories is sync's job, not an import's.
 */
export async function importIncident(store: IncidentLogStore, text: string, options: ImportOptions = {}): Promise<Result<ImportReport>> {
  const file = readIncidentExport(text);
  if (!file.ok) return file;
  const { incident } = file.value;
  if (await store.exists(incident))
    return fail(`incident ${incident} already exists in ${store.dir} (import into another --data-dir, or remove it first)`);
  const warnings: string[] = [];
  const checked = await checkImport(incident, file.value.events, file.value.order);
  if (checked.problems.length && !options.keepUnverified) return fail(refusalOf(checked.problems), 'invalid');
  const events = file.value.events.map((e) => (checked.unverified.has(e.id) ? asUnverified(e) : e));
  const order = checked.orderHolds ? file.value.order : null;
  if (checked.unverified.size)
    warnings.push(`${checked.unverified.size} event(s) kept as unverified history (their signatures do not hold; shown as unverified)`);
  if (!checked.orderHolds) warnings.push("the hub's order in the file does not hold; it was not kept (the log's own order is used)");
  // The state in the file is derived data: the events win. A difference means someone edited the file by hand.
  if (file.value.state !== undefined && !sameState(file.value.state, fold(events, incident))) {
    warnings.push('the "state" in the file does not match its events; the events were imported and the state rebuilt from them');
  }
  try {
    await store.append(incident, events);
    // The agreed order the hub gave, kept as a peer keeps it: the import numbers and judges as the room did.
    if (order && order.settled > 0) {
      const range = { from: 1, ids: events.slice(0, order.settled).map((e) => e.id) };
      await store.order(incident).append(range, order.head ?? undefined);
    }
  } catch (e) {
    // Nothing half-imported: the log did not exist before, so a failed write takes the partial file with it.
    await store.close().catch(() => undefined);
    await unlink(store.pathOf(incident)).catch(() => undefined);
    return fail(`could not write incident ${incident}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return ok({ incident, events: events.length, warnings });
}

function refusalOf(problems: readonly { where: string; code: string; reason: string }[]): string {
  const named = problems.slice(0, NAMED_PROBLEMS).map((p) => `${p.where}: ${p.code}: ${p.reason}`);
  const more = problems.length > NAMED_PROBLEMS ? `; and ${problems.length - NAMED_PROBLEMS} more` : '';
  return `the file's events do not hold as their authors' (${named.join('; ')}${more}); to keep them anyway as unverified history, import with --keep-unverified`;
}

/**
 * A cheap check of what a person would edit by hand (title, status, counts...): comparing the whole state
 * would cost more than the import itself on a big incident, and the events are imported either way.
 */
function sameState(fromFile: unknown, refolded: IncidentState): boolean {
  if (typeof fromFile !== 'object' || fromFile === null) return false;
  const file = fromFile as Record<string, unknown>;
  const scalars = [
    'id',
    'title',
    'severity',
    'status',
    'summary',
    'openedAt',
    'resolvedAt',
    'lastEventAt',
    'eventCount',
    'cadenceMinutes',
  ] as const;
  const lists = ['timeline', 'hypotheses', 'actions', 'notes', 'impactOrder', 'draftOrder', 'updates', 'statusHistory'] as const;
  return (
    scalars.every((k) => file[k] === refolded[k]) &&
    lists.every((k) => Array.isArray(file[k]) && (file[k] as unknown[]).length === refolded[k].length) &&
    JSON.stringify(file.roles) === JSON.stringify(refolded.roles)
  );
}
