import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { WarEvent } from '../../../src/kinds/event.js';
import { ID_PATTERN } from '../../../src/model/ids.js';
import { SEVERITIES } from '../../../src/model/vocabulary.js';
import { writeFileAtomic } from '../../services/atomic-file.js';
import type { HubStorage } from '../hub-storage.js';

export const ALERT_GROUPS_FILE = 'alert-groups.json';

const entrySchema = z.strictObject({
  incident: z.string().regex(ID_PATTERN),
  team: z.string().min(1).max(64),
  title: z.string().max(200),
  severity: z.enum(SEVERITIES),
  openedAt: z.int().min(0),
});
export type AlertGroupEntry = z.infer<typeof entrySchema>;
const fileSchema = z.strictObject({ v: z.literal(1), groups: z.record(z.string().regex(/^[0-9a-f]{64}$/), entrySchema) });

function jsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Groups remembered at most; the oldest are forgotten first (a month of alerts is far fewer). */
const MAX_GROUPS = 10_000;

/**
 * Which incident each alert group opened (by the SHA-256 of its group key), so a group that fires again lands
 * in the same incident, never a second one, until that incident is resolved. Kept in the hub's data dir; whether
 * an incident is resolved is read from its room (once, then followed as events are stored).
 */
export class AlertGroups {
  private readonly resolved = new Map<string, boolean>();

  private constructor(
    private readonly path: string,
    private readonly groups: Map<string, AlertGroupEntry>,
    private readonly storage: HubStorage,
  ) {}

  static async load(dataDir: string, storage: HubStorage): Promise<AlertGroups> {
    const path = join(dataDir, ALERT_GROUPS_FILE);
    let text: string | null = null;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const parsed = fileSchema.safeParse(text === null ? { v: 1, groups: {} } : jsonOrNull(text));
    if (!parsed.success) throw new Error(`${path} is damaged: fix or delete it (firing groups then open new incidents)`);
    return new AlertGroups(path, new Map(Object.entries(parsed.data.groups)), storage);
  }

  /** The incident this group opened, while it is not resolved. */
  async openIncidentOf(group: string): Promise<AlertGroupEntry | null> {
    const entry = this.groups.get(group);
    if (!entry) return null;
    return (await this.isResolved(entry.incident)) ? null : entry;
  }

  async remember(group: string, entry: AlertGroupEntry): Promise<void> {
    this.groups.delete(group);
    this.groups.set(group, entry);
    this.resolved.set(entry.incident, false);
    while (this.groups.size > MAX_GROUPS) this.groups.delete(this.groups.keys().next().value!);
    await writeFileAtomic(this.path, JSON.stringify({ v: 1, groups: Object.fromEntries(this.groups) }, null, 1) + '\n');
  }

  /** The open incidents alerts opened for a team, newest first: what a subscriber who comes online is told. */
  async openFor(team: string, limit = 50): Promise<AlertGroupEntry[]> {
    const mine = [...this.groups.values()].filter((e) => e.team === team).reverse();
    const open: AlertGroupEntry[] = [];
    for (const e of mine) {
      if (open.length >= limit) break;
      if (!(await this.isResolved(e.incident))) open.push(e);
    }
    return open;
  }

  /** Follows status changes as the room stores them (the hub calls this for every push). */
  observe(incident: string, stored: readonly WarEvent[]): void {
    if (!this.resolved.has(incident)) return;
    for (const e of stored)
      if (e.kind === 'incident.updated' && e.data.status !== undefined) this.resolved.set(incident, e.data.status === 'resolved');
  }

  private async isResolved(incident: string): Promise<boolean> {
    const known = this.resolved.get(incident);
    if (known !== undefined) return known;
    let resolved = false;
    // Once per incident per hub run: its events in stored order, the last status change wins.
    await this.storage.scanRoom(incident, (e) => {
      if (e.kind === 'incident.updated' && e.data.status !== undefined) resolved = e.data.status === 'resolved';
    });
    this.resolved.set(incident, resolved);
    return resolved;
  }
}
