import { readFile, rename, writeFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { consentQuestion } from '../../src/sync/join-consent.js';
import type { WarRoom } from './war-room.js';

export const KNOWN_HUBS_FILE = 'known-hubs.json';

const fileSchema = z.record(z.string().max(2048), z.strictObject({ firstUsed: z.number() }));

/** Hubs this machine has joined or hosted rooms on: a link naming one of them shares nothing new. */
export class KnownHubs {
  constructor(private readonly dataDir: string) {}

  async has(hub: string): Promise<boolean> {
    return Object.hasOwn(await this.read(), hub);
  }

  async add(hub: string, now = Date.now()): Promise<void> {
    const all = await this.read();
    if (Object.hasOwn(all, hub)) return;
    all[hub] = { firstUsed: now };
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    const path = join(this.dataDir, KNOWN_HUBS_FILE);
    await writeFile(`${path}.tmp`, JSON.stringify(all, null, 2) + '\n', { mode: 0o600 });
    await rename(`${path}.tmp`, path);
  }

  private async read(): Promise<Record<string, { firstUsed: number }>> {
    try {
      const parsed = fileSchema.safeParse(JSON.parse(await readFile(join(this.dataDir, KNOWN_HUBS_FILE), 'utf8')));
      // A damaged file means every hub is unknown again: asking once more is the safe side.
      return parsed.success
        ? (Object.assign(Object.create(null), parsed.data) as Record<string, { firstUsed: number }>)
        : Object.create(null);
    } catch {
      return Object.create(null) as Record<string, { firstUsed: number }>;
    }
  }
}

/**
 * The question to ask before joining `hub` for `incident`, or null when nothing local would go to a
 * stranger (the incident is not here, or this machine already syncs with that hub).
 */
export async function joinConsentQuestion(warRoom: WarRoom, known: KnownHubs, hub: string, incident: string): Promise<string | null> {
  if (!(await warRoom.exists(incident)) || (await known.has(hub))) return null;
  const state = await warRoom.state(incident);
  const impacts = Object.values(state.impacts).filter((i) => !i.retracted);
  return consentQuestion(hub, incident, {
    title: state.title,
    events: (await warRoom.events(incident)).length,
    customers: impacts.length,
    contacts: impacts.filter((i) => i.contact).length,
  });
}
