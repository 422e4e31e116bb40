import { createHmac, randomBytes } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { genericPayload, mattermostPayload, slackPayload, teamsPayload, type WebhookNotice } from '../../../src/comms/webhook-payloads.js';
import { writeFileAtomic } from '../../services/atomic-file.js';
import type { ChannelSettingsFile, WebhookFormat, WebhookSettings } from './channel-settings.js';
import { postJson, type PostOutcome, type SelfAddress } from './webhook-post.js';

/** One webhook call as the window's delivery log shows it. No URL (it is a secret for chat tools), no payload. */
export interface DeliveryEntry {
  id: string;
  webhook: string;
  format: WebhookFormat;
  host: string;
  room: string;
  type: string;
  state: 'pending' | 'retrying' | 'delivered' | 'dead';
  attempts: number;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
  /** When the next try is due (retrying only). */
  nextAt: number | null;
}

export interface WebhookQueueOptions {
  dataDir: string;
  settings: ChannelSettingsFile;
  self: () => SelfAddress;
  now?: () => number;
  log?: (line: string) => void;
  /** First retry after about this long, doubling each time (with jitter): 1 s by default. */
  baseDelayMs?: number;
  /** Tries before a delivery goes to the dead letters: 6 by default (about a minute of retries). */
  maxAttempts?: number;
  /** How long one try may take: 10 s by default. A receiver that hangs costs its own delivery this, nobody else. */
  timeoutMs?: number;
}

export const DEAD_LETTER_FILE = 'webhook-dead-letters.jsonl';
const LOG_ENTRIES = 500;
const DEAD_LETTERS = 200;
/** Tries in flight at once, per webhook and in all: a slow receiver holds its own slots, not the hub. */
const PER_WEBHOOK = 4;
const IN_ALL = 16;

interface Delivery {
  entry: DeliveryEntry;
  body: string;
}

/**
 * Posts notices to the configured webhooks, off the room's path: `enqueue` returns at once; each delivery is
 * tried with exponential backoff and jitter, and after the last try goes to the dead letters (kept in the
 * hub's data dir, mode 0600). The log and the dead letters are bounded; the window reads them per room.
 */
export class WebhookQueue {
  private readonly now: () => number;
  private readonly entries: DeliveryEntry[] = [];
  private dead: DeliveryEntry[] = [];
  private readonly waiting: Delivery[] = [];
  private readonly inFlight = new Map<string, number>();
  private flying = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;
  private readonly stopping = new AbortController();
  private loaded: Promise<void>;

  constructor(private readonly options: WebhookQueueOptions) {
    this.now = options.now ?? Date.now;
    this.loaded = this.loadDeadLetters();
  }

  /** Queues one delivery per configured webhook; never waits for any of them. */
  async enqueue(room: string, notice: WebhookNotice): Promise<void> {
    const settings = await this.options.settings.current();
    for (const hook of settings.webhooks) {
      const id = `d_${randomBytes(8).toString('hex')}`;
      const body = JSON.stringify(payloadFor(hook.format, notice, id));
      const at = this.now();
      const entry: DeliveryEntry = {
        id,
        webhook: hook.id,
        format: hook.format,
        host: new URL(hook.url).host,
        room,
        type: notice.type,
        state: 'pending',
        attempts: 0,
        lastError: null,
        createdAt: at,
        updatedAt: at,
        nextAt: null,
      };
      this.remember(entry);
      this.waiting.push({ entry, body });
    }
    this.pump();
  }

  /** This room's deliveries, newest first. */
  log(room: string): DeliveryEntry[] {
    return this.entries.filter((e) => e.room === room).reverse();
  }

  async deadLetters(room: string): Promise<DeliveryEntry[]> {
    await this.loaded;
    return this.dead.filter((e) => e.room === room).reverse();
  }

  close(): void {
    this.closed = true;
    this.stopping.abort();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private pump(): void {
    for (let i = 0; i < this.waiting.length && this.flying < IN_ALL;) {
      const d = this.waiting[i]!;
      if ((this.inFlight.get(d.entry.webhook) ?? 0) >= PER_WEBHOOK) {
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      void this.attempt(d);
    }
  }

  private async attempt(d: Delivery): Promise<void> {
    const { entry } = d;
    this.flying++;
    this.inFlight.set(entry.webhook, (this.inFlight.get(entry.webhook) ?? 0) + 1);
    let outcome: PostOutcome;
    try {
      const hook = (await this.options.settings.current()).webhooks.find((w) => w.id === entry.webhook);
      outcome = hook ? await this.post(hook, d.body) : { ok: false, retry: false, reason: 'the webhook was removed from the settings' };
    } catch (e) {
      outcome = { ok: false, retry: true, reason: (e as Error).message };
    } finally {
      this.flying--;
      this.inFlight.set(entry.webhook, (this.inFlight.get(entry.webhook) ?? 1) - 1);
    }
    // A stopping hub neither retries nor buries: what was in flight is simply not delivered.
    if (this.closed) return;
    entry.attempts++;
    entry.updatedAt = this.now();
    if (outcome.ok) {
      Object.assign(entry, { state: 'delivered', lastError: null, nextAt: null });
    } else if (outcome.retry && entry.attempts < (this.options.maxAttempts ?? 6) && !this.closed) {
      const delay = backoff(entry.attempts, this.options.baseDelayMs ?? 1000);
      Object.assign(entry, { state: 'retrying', lastError: outcome.reason, nextAt: entry.updatedAt + delay });
      this.later(() => {
        this.waiting.push(d);
        this.pump();
      }, delay);
    } else {
      Object.assign(entry, { state: 'dead', lastError: outcome.reason, nextAt: null });
      await this.bury(d);
    }
    this.pump();
  }

  private post(hook: WebhookSettings, body: string): Promise<PostOutcome> {
    const headers: Record<string, string> = {};
    if (hook.format === 'json') {
      // Signed at each try with its own time, so a receiver can refuse a replay of an old request.
      const timestamp = String(Math.floor(this.now() / 1000));
      headers['x-warroom-timestamp'] = timestamp;
      if (hook.secret) headers['x-warroom-signature'] = `sha256=${signBody(hook.secret, timestamp, body)}`;
    }
    return postJson(hook.url, body, headers, this.options.timeoutMs ?? 10_000, this.options.self(), this.stopping.signal);
  }

  private later(fn: () => void, ms: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.closed) fn();
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  private remember(entry: DeliveryEntry): void {
    this.entries.push(entry);
    if (this.entries.length > LOG_ENTRIES) this.entries.splice(0, this.entries.length - LOG_ENTRIES);
  }

  private async bury(d: Delivery): Promise<void> {
    this.options.log?.(
      `webhook ${d.entry.webhook} (${d.entry.host}): gave up on a ${d.entry.type} after ${d.entry.attempts} tries: ${d.entry.lastError ?? ''}`,
    );
    await this.loaded;
    this.dead.push({ ...d.entry });
    const path = join(this.options.dataDir, DEAD_LETTER_FILE);
    const line = JSON.stringify({ ...d.entry, body: d.body.length <= 16_384 ? d.body : null }) + '\n';
    try {
      if (this.dead.length > DEAD_LETTERS) {
        this.dead = this.dead.slice(-DEAD_LETTERS);
        const kept = (await readLines(path)).slice(-(DEAD_LETTERS - 1));
        await writeFileAtomic(path, kept.map((l) => l + '\n').join('') + line, 0o600);
      } else await appendFile(path, line, { mode: 0o600 });
    } catch (e) {
      this.options.log?.(`could not keep a webhook dead letter: ${(e as Error).message}`);
    }
  }

  private async loadDeadLetters(): Promise<void> {
    for (const line of (await readLines(join(this.options.dataDir, DEAD_LETTER_FILE))).slice(-DEAD_LETTERS)) {
      try {
        const { body: _body, ...entry } = JSON.parse(line) as DeliveryEntry & { body?: unknown };
        this.dead.push(entry);
      } catch {
        // A damaged line is skipped; the rest still show.
      }
    }
  }
}

/** HMAC-SHA256 over `timestamp + "." + body`, hex: what X-WarRoom-Signature carries (after "sha256="). */
export function signBody(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** Exponential backoff with jitter: base·2^(n-1), each wait drawn from its upper half, at most five minutes. */
export function backoff(attempt: number, baseMs: number): number {
  const full = Math.min(baseMs * 2 ** (attempt - 1), 300_000);
  return Math.round(full / 2 + Math.random() * (full / 2));
}

function payloadFor(format: WebhookFormat, n: WebhookNotice, deliveryId: string): object {
  switch (format) {
    case 'slack':
      return slackPayload(n);
    case 'mattermost':
      return mattermostPayload(n);
    case 'teams':
      return teamsPayload(n);
    case 'json':
      return genericPayload(n, deliveryId);
  }
}

async function readLines(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text.split('\n').filter((l) => l.trim() !== '');
}
