import { readFile, rename, writeFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { consentQuestion, fingerprintQuestion } from '../../src/sync/join-consent.js';
import type { WarRoom } from './war-room.js';

export const KNOWN_HUBS_FILE = 'known-hubs.json';

const entrySchema = z.strictObject({
  firstUsed: z.number(),
  /** The certificate fingerprint pinned on the first consent ("" for a hub with none: plain or CA-signed TLS). */
  fingerprint: z.string().max(200).optional(),
  /** The incidents this machine shared there, each with consent. */
  incidents: z.array(z.string().max(64)).max(100_000).optional(),
});
const fileSchema = z.record(z.string().max(2048), entrySchema);
type Entry = z.infer<typeof entrySchema>;

/**
 * Where this machine shared what, with consent: per hub URL, the incidents it shared there and the certificate
 * fingerprint pinned on the first consent. A hub counts as known for an incident only once that incident was
 * shared there: a first link naming an incident this machine does not hold (nothing asked) does not make the
 * hub known for the ones it does hold. A link with another fingerprint than the pinned one is another hub.
 */
export class KnownHubs {
  constructor(private readonly dataDir: string) {}

  /** True when `incident` was shared with `hub` with consent, under the same certificate. */
  async consented(hub: string, incident: string, fingerprint: string | undefined): Promise<boolean> {
    const entry = (await this.read())[hub];
    return entry !== undefined && samePin(entry, fingerprint) && (entry.incidents ?? []).includes(incident);
  }

  /** The fingerprint pinned for `hub` when it differs from the link's; null when none is pinned or they agree. */
  async pinConflict(hub: string, fingerprint: string | undefined): Promise<string | null> {
    const entry = (await this.read())[hub];
    if (entry?.fingerprint === undefined || samePin(entry, fingerprint)) return null;
    return entry.fingerprint;
  }

  /**
   * Records that `incident` was shared with `hub` (after a yes, or with nothing local to ask about), pinning
   * `fingerprint`: on the first consent, and again when a person said yes to a changed one.
   */
  async remember(hub: string, incident: string, fingerprint: string | undefined, now = Date.now()): Promise<void> {
    const all = await this.read();
    const entry: Entry = all[hub] ?? { firstUsed: now };
    const incidents = new Set(entry.incidents ?? []);
    if (samePin(entry, fingerprint) && incidents.has(incident)) return;
    if (!samePin(entry, fingerprint)) incidents.clear(); // another certificate: another hub, nothing carried over
    incidents.add(incident);
    all[hub] = { firstUsed: entry.firstUsed, fingerprint: fingerprint ?? '', incidents: [...incidents] };
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    const path = join(this.dataDir, KNOWN_HUBS_FILE);
    await writeFile(`${path}.tmp`, JSON.stringify(all, null, 2) + '\n', { mode: 0o600 });
    await rename(`${path}.tmp`, path);
  }

  private async read(): Promise<Record<string, Entry>> {
    try {
      const parsed = fileSchema.safeParse(JSON.parse(await readFile(join(this.dataDir, KNOWN_HUBS_FILE), 'utf8')));
      // A damaged file means every hub is unknown again: asking once more is the safe side.
      return parsed.success ? (Object.assign(Object.create(null), parsed.data) as Record<string, Entry>) : Object.create(null);
    } catch {
      return Object.create(null) as Record<string, Entry>;
    }
  }
}

/** An entry written before pins existed (no fingerprint) pins nothing: it matches nothing, so it asks again. */
function samePin(entry: Entry, fingerprint: string | undefined): boolean {
  return entry.fingerprint !== undefined && entry.fingerprint === (fingerprint ?? '');
}

/**
 * The question to ask before joining `hub` for `incident`, or null when nothing local would go where it was
 * not agreed: the incident is not here (and the link's certificate is not a changed one), or this machine
 * already shared it with that hub under that certificate.
 */
export async function joinConsentQuestion(
  warRoom: WarRoom,
  known: KnownHubs,
  hub: string,
  incident: string,
  fingerprint?: string,
): Promise<string | null> {
  const pinned = await known.pinConflict(hub, fingerprint);
  if (pinned !== null) return fingerprintQuestion(hub, pinned, fingerprint ?? null);
  if (!(await warRoom.exists(incident)) || (await known.consented(hub, incident, fingerprint))) return null;
  const state = await warRoom.state(incident);
  const impacts = Object.values(state.impacts).filter((i) => !i.retracted);
  return consentQuestion(hub, incident, {
    title: state.title,
    events: (await warRoom.events(incident)).length,
    customers: impacts.length,
    contacts: impacts.filter((i) => i.contact).length,
  });
}
