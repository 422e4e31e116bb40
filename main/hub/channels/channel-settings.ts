import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { describeZodIssues, fail, ok, type Result } from '../../../src/model/result.js';
import { writeFileAtomic } from '../../services/atomic-file.js';

/**
 * Where a hub sends what a team publishes besides its rooms: the public status page's name, the team's mail
 * server, and chat or automation webhooks. One file in the hub's data dir, `channels.json`, mode 0600 (it
 * holds the SMTP password and the webhook secrets; the data dir is 0700), edited by hand (docs/STATUS-PAGE.md) and
 * read by the hub when it changes. Secrets never leave it: logs, the window and `hub:channels` see
 * `maskedSettings`, where a webhook is its format and host only (a Slack or Teams webhook URL is itself a secret).
 */
export const CHANNELS_FILE = 'channels.json';
export const MAX_SETTINGS_BYTES = 64 * 1024;

export const WEBHOOK_FORMATS = ['slack', 'teams', 'mattermost', 'json'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

const hostname = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]-]+$/, 'is not a host name or address');

const smtpSchema = z.strictObject({
  host: hostname,
  port: z.int().min(1).max(65535),
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: z.boolean(),
  user: z.string().max(256).optional(),
  password: z.string().max(1024).optional(),
  /** The sender customers see: `Acme status <status@acme.example>`. */
  from: z.string().trim().min(3).max(320).regex(/@/, 'must hold an email address'),
});

const webhookSchema = z.strictObject({
  id: z.string().regex(/^w_[a-z0-9]{8,16}$/, 'is not a webhook id'),
  format: z.enum(WEBHOOK_FORMATS),
  url: z.string().max(8192), // webhookUrlProblem says why a long one is refused
  /** Signs the generic JSON format (X-WarRoom-Signature); the chat formats carry their secret in the URL. */
  secret: z.string().min(16).max(256).optional(),
});

export const settingsSchema = z.strictObject({
  v: z.literal(1),
  statusPage: z.strictObject({ title: z.string().trim().min(1).max(100) }).optional(),
  smtp: smtpSchema.optional(),
  webhooks: z.array(webhookSchema).max(20).default([]),
});

export type ChannelSettings = z.output<typeof settingsSchema>;
export type SmtpSettings = z.output<typeof smtpSchema>;
export type WebhookSettings = z.output<typeof webhookSchema>;

export const EMPTY_SETTINGS: ChannelSettings = { v: 1, webhooks: [] };

/** Why a webhook URL cannot be used, or null: http or https only, no credentials in it, not too long. */
export function webhookUrlProblem(raw: string): string | null {
  if (raw.length > 2048) return 'the URL is longer than 2048 characters';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `"${raw.slice(0, 80)}" is not a URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `webhooks go to http or https addresses only, not ${url.protocol.replace(/:$/, '')}`;
  if (url.username || url.password) return 'put no user name or password in the URL (the json format signs its requests instead)';
  if (!url.hostname) return 'the URL names no host';
  return null;
}

/** Checks settings as a whole: the schema, then every webhook URL. */
export function parseSettings(input: unknown): Result<ChannelSettings> {
  const parsed = settingsSchema.safeParse(input);
  if (!parsed.success) return fail(describeZodIssues(parsed.error.issues));
  for (const w of parsed.data.webhooks) {
    const problem = webhookUrlProblem(w.url);
    if (problem) return fail(`webhook ${w.id}: ${problem}`);
  }
  return ok(parsed.data);
}

/** What may be shown anywhere (logs, the window, the CLI): no password, no secret, no webhook path. */
export function maskedSettings(s: ChannelSettings) {
  return {
    statusPage: s.statusPage ?? null,
    smtp: s.smtp
      ? {
          host: s.smtp.host,
          port: s.smtp.port,
          secure: s.smtp.secure,
          user: s.smtp.user ?? null,
          from: s.smtp.from,
          password: s.smtp.password ? 'set' : 'none',
        }
      : null,
    webhooks: s.webhooks.map((w) => ({ id: w.id, format: w.format, host: hostOf(w.url), signed: w.secret !== undefined })),
  };
}
export type MaskedSettings = ReturnType<typeof maskedSettings>;

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return '(not a URL)';
  }
};

export const newWebhookId = (): string => `w_${randomBytes(6).toString('hex')}`;
export const newWebhookSecret = (): string => randomBytes(24).toString('base64url');

/**
 * The settings file of one hub: read when asked if it changed (checked at most once a second), written whole
 * (mode 0600) by `update`. A damaged file turns every channel off with the reason, and the hub keeps serving.
 */
export class ChannelSettingsFile {
  private cached: ChannelSettings = EMPTY_SETTINGS;
  private problemText: string | null = null;
  private mtimeMs = -1;
  private checkedAt = -Infinity;

  constructor(
    readonly dataDir: string,
    private readonly onProblem: (reason: string) => void = () => undefined,
  ) {}

  get path(): string {
    return join(this.dataDir, CHANNELS_FILE);
  }

  /** The reason the file was refused, or null. */
  get problem(): string | null {
    return this.problemText;
  }

  /** The settings as they are on disk now (re-read when the file changed). */
  async current(): Promise<ChannelSettings> {
    if (performance.now() - this.checkedAt < 1000) return this.cached;
    this.checkedAt = performance.now();
    const info = await stat(this.path).catch(() => null);
    if (info === null) {
      this.set(EMPTY_SETTINGS, null, -1);
    } else if (info.mtimeMs !== this.mtimeMs) {
      const r = await this.read(info.size);
      this.set(r.ok ? r.value : EMPTY_SETTINGS, r.ok ? null : r.error, info.mtimeMs);
    }
    return this.cached;
  }

  /** Changes the settings and writes them whole; refused (nothing written) when the result is not valid. */
  async update(change: (s: ChannelSettings) => ChannelSettings): Promise<Result<ChannelSettings>> {
    const before = await this.read();
    if (!before.ok && before.error !== 'missing') return before;
    const next = parseSettings(change(before.ok ? before.value : EMPTY_SETTINGS));
    if (!next.ok) return next;
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.path, JSON.stringify(next.value, null, 2) + '\n', 0o600);
    this.checkedAt = -Infinity;
    return next;
  }

  private set(settings: ChannelSettings, problem: string | null, mtimeMs: number): void {
    if (problem !== null && problem !== this.problemText)
      this.onProblem(`${CHANNELS_FILE}: ${problem}; every channel is off until it is fixed`);
    this.cached = settings;
    this.problemText = problem;
    this.mtimeMs = mtimeMs;
  }

  private async read(size?: number): Promise<Result<ChannelSettings>> {
    if (size !== undefined && size > MAX_SETTINGS_BYTES)
      return fail(`the file is ${size} bytes; the most it may be is ${MAX_SETTINGS_BYTES}`);
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      return fail((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : `cannot read it: ${(e as Error).message}`);
    }
    if (text.length > MAX_SETTINGS_BYTES) return fail(`the file is larger than ${MAX_SETTINGS_BYTES} bytes`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      return fail(`not JSON (${(e as Error).message})`);
    }
    return parseSettings(json);
  }
}
