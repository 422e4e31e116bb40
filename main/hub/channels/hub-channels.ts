import type { WarEvent } from '../../../src/kinds/event.js';
import { MAX_INCIDENTS } from '../../../src/status-page/public-incident.js';
import type { PageSettings } from '../../../src/status-page/page-view.js';
import { keyFingerprint, type Signer } from '../../identity/event-signature.js';
import type { HubRoom } from '../hub-room.js';
import { PublicRooms } from '../status-page/public-rooms.js';
import { StatusPageCache, type PageDocument, type PageDocumentName } from '../status-page/status-page-cache.js';
import { ChannelSettingsFile, maskedSettings } from './channel-settings.js';
import { HubWriter } from './hub-writer.js';
import { CustomerMail } from './customer-mail.js';
import { foldRoom, WATCHED_KINDS, type Happening } from './room-happenings.js';
import { webhookNotice } from './webhook-notice.js';
import { WebhookQueue, type DeliveryEntry, type WebhookQueueOptions } from './webhook-queue.js';
import type { SelfAddress } from './webhook-post.js';

export interface HubChannelsOptions {
  dataDir: string;
  hubKey: Signer;
  roomOf: (id: string) => Promise<HubRoom>;
  /** Tells a room's peers of events the hub itself stored (its email deliveries). */
  relay: (room: string, events: readonly WarEvent[], bytes: number) => void;
  /** The hub's own address: its base URL (public when behind a proxy) and the port it answers on. */
  self: () => SelfAddress & { url: string };
  now?: () => number;
  log?: (line: string) => void;
  webhooks?: Pick<WebhookQueueOptions, 'baseDelayMs' | 'maxAttempts' | 'timeoutMs'>;
  /** How long the mail server may take per step (tests shorten it). */
  mailTimeoutMs?: number;
}

/** What a peer is told about its room's channels (the `hub:channels` request): no secret, no webhook URL. */
export interface ChannelsAnswer {
  statusPage: { url: string; title: string };
  email: { configured: boolean; from: string | null; server: string | null };
  /** The hub's own identity: the mailer an email publication names. */
  mailer: { id: string; name: string };
  webhooks: { id: string; format: string; host: string; signed: boolean }[];
  deliveries: DeliveryEntry[];
  deadLetters: DeliveryEntry[];
  /** Why the hub refused its channels file, when it did. */
  problem: string | null;
}

/**
 * Everything a hub tells the outside about its rooms: the public status page, chat and automation webhooks,
 * and email to the customers affected. It hears each room's stored events; when one of them can change what the
 * outside sees, it folds the room from storage in the agreed order, with the rules every peer runs (one room at
 * a time, off the path of every push and pull), then updates the page, queues webhook deliveries and sends mail.
 * Nothing here can slow or fail a write: it runs after the write was acknowledged.
 */
export class HubChannels {
  readonly settings: ChannelSettingsFile;
  readonly page = new StatusPageCache();
  readonly webhooks: WebhookQueue;
  private readonly writer: HubWriter;
  private readonly mail: CustomerMail;
  private readonly pending = new Map<string, number>();
  private running: Promise<void> | null = null;
  private closed = false;
  /** Folds made so far: readers never cause one (tests count them). */
  folds = 0;

  private constructor(
    private readonly options: HubChannelsOptions,
    private readonly publicRooms: PublicRooms,
  ) {
    const log = options.log ?? (() => undefined);
    this.settings = new ChannelSettingsFile(options.dataDir, log);
    this.webhooks = new WebhookQueue({
      dataDir: options.dataDir,
      settings: this.settings,
      self: options.self,
      log,
      ...(options.now ? { now: options.now } : {}),
      ...options.webhooks,
    });
    this.writer = new HubWriter(options.hubKey, options.now);
    this.mail = new CustomerMail({
      settings: this.settings,
      writer: this.writer,
      roomOf: options.roomOf,
      relay: options.relay,
      log,
      timeoutMs: options.mailTimeoutMs,
    });
  }

  static async start(options: HubChannelsOptions): Promise<HubChannels> {
    const channels = new HubChannels(options, await PublicRooms.load(options.dataDir, options.log));
    const problem = (await channels.settings.current(), channels.settings.problem);
    if (problem) options.log?.(`channels.json: ${problem}`);
    return channels;
  }

  /** The hub's actor (what email publications name as their mailer). */
  get mailer(): { id: string; name: string } {
    return this.writer.actor;
  }

  /** Starts hearing a room that was just loaded. */
  watch(room: HubRoom): () => void {
    return room.onStored((events, range) => {
      if (this.closed || !events.some((e) => WATCHED_KINDS.has(e.kind))) return;
      const touched = events.find((e) => e.kind === 'incident.visibility');
      if (touched) this.publicRooms.touch(room.id, touched.at.ms);
      this.schedule(room.id, range.from - 1);
    });
  }

  /** One public document, made from every public room's latest fold (rooms not folded since the hub started are folded first). */
  async document(name: PageDocumentName): Promise<PageDocument> {
    const missing = this.publicRooms.recent(MAX_INCIDENTS).filter((id) => !this.page.has(id));
    for (const id of missing) this.schedule(id, Number.MAX_SAFE_INTEGER);
    while (this.running && missing.some((id) => !this.page.has(id))) await this.running;
    const self = this.options.self();
    return this.page.document(name, await this.pageSettings(), self.url);
  }

  async pageSettings(): Promise<PageSettings> {
    const settings = await this.settings.current();
    return {
      id: keyFingerprint(this.options.hubKey.key).slice(0, 12),
      name: settings.statusPage?.title ?? 'Service status',
      url: `${this.options.self().url}/status`,
    };
  }

  async answer(room: string): Promise<ChannelsAnswer> {
    const settings = await this.settings.current();
    const masked = maskedSettings(settings);
    return {
      statusPage: { url: `${this.options.self().url}/status`, title: settings.statusPage?.title ?? 'Service status' },
      email: {
        configured: settings.smtp !== undefined,
        from: masked.smtp?.from ?? null,
        server: masked.smtp ? `${masked.smtp.host}:${masked.smtp.port}` : null,
      },
      mailer: this.mailer,
      webhooks: masked.webhooks,
      deliveries: this.webhooks.log(room).slice(0, 100),
      deadLetters: (await this.webhooks.deadLetters(room)).slice(0, 100),
      problem: this.settings.problem,
    };
  }

  /** Resolves once every fold asked for so far is done (tests, and a page read right after a change). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
    await this.mail.settled();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.pending.clear();
    this.webhooks.close();
    await this.running;
    await this.mail.settled();
    await this.publicRooms.flushed();
  }

  private schedule(room: string, from: number): void {
    this.pending.set(room, Math.min(this.pending.get(room) ?? Number.MAX_SAFE_INTEGER, from));
    this.running ??= this.work().finally(() => (this.running = null));
  }

  private async work(): Promise<void> {
    for (let next = this.pending.entries().next(); !next.done && !this.closed; next = this.pending.entries().next()) {
      const [id, from] = next.value;
      this.pending.delete(id);
      try {
        const room = await this.options.roomOf(id);
        const fold = await foldRoom(room, from);
        this.folds++;
        if (this.publicRooms.has(id) || fold.page !== null) this.page.set(id, fold.position, fold.page);
        for (const h of fold.happenings) await this.dispatch(id, h);
      } catch (e) {
        this.options.log?.(`${id}: could not fold the room for its channels: ${(e as Error).message}`);
        if (!this.page.has(id)) this.page.set(id, -1, null);
      }
    }
  }

  private async dispatch(room: string, h: Happening): Promise<void> {
    const notice = webhookNotice(h, `${this.options.self().url}/status`);
    if (notice) await this.webhooks.enqueue(room, notice);
    if ((h.type === 'update.published' || h.type === 'email.resend') && h.update.mailer === this.mailer.id && h.recipients.length > 0) {
      this.mail.send(room, h.incident.title, h.update, h.recipients);
    }
  }
}
