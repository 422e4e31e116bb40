import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AlertSource } from '../../../src/kinds/alert.js';
import { TokenBucket } from '../token-bucket.js';
import { bearerProblem, hmacProblem } from './alert-auth.js';
import type { AlertConfig, AlertSourceConfig } from './alert-config.js';
import type { AlertDesk, AlertOutcome } from './alert-desk.js';
import { parseAlertPayload } from './alert-payloads.js';
import { routeAlert } from './alert-routing.js';

/** Where each source posts. */
export const ALERT_PATHS: Record<AlertSource, string> = { alertmanager: '/alerts/alertmanager', webhook: '/alerts/webhook' };

/** Requests being read or handled at once, over both sources: past it a sender is told to come back. */
const MAX_IN_FLIGHT = 64;
/** A body past the limit is read (and dropped) up to this, so the sender can read the refusal; past it the hub hangs up. */
const DRAIN_BYTES = 1024 * 1024;

type Refusal = { status: number; code: string; error: string; retryAfterMs?: number };

export interface AlertIntakeOptions {
  config: AlertConfig;
  desk: AlertDesk;
  now: () => number;
  log: (line: string) => void;
  /** False while the hub stops: alerts are refused with 503, so Alertmanager retries them on the next hub. */
  accepting: () => boolean;
}

/**
 * The hub's alert webhooks: POST /alerts/alertmanager (Alertmanager's webhook, payload version 4) and POST
 * /alerts/webhook (War Room's generic JSON). Each source has its own secret (bearer or HMAC). Every refusal is
 * JSON `{ ok: false, code, error }` with a status Alertmanager understands (4xx: do not retry; 429 and 5xx:
 * retry later); a flood is answered 429 per source, before any room is touched.
 */
export class AlertIntake {
  private readonly buckets = new Map<AlertSource, TokenBucket>();
  private inFlight = 0;
  /** Refusals are logged at most once a second per source, with how many were not: a flood must not flood the log. */
  private readonly quiet = new Map<AlertSource, { at: number; held: number }>();

  constructor(private readonly options: AlertIntakeOptions) {
    for (const source of ['alertmanager', 'webhook'] as const)
      this.buckets.set(source, new TokenBucket(options.config.burst, options.config.perSecond, options.now));
  }

  /** Handles the request when its path is an alert webhook's; false otherwise. */
  route = (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = (req.url ?? '/').split('?')[0];
    const source = (Object.keys(ALERT_PATHS) as AlertSource[]).find((s) => ALERT_PATHS[s] === path);
    if (!source) return false;
    void this.handle(source, req, res).catch((e: unknown) => {
      this.options.log(`alert (${source}) failed: ${e instanceof Error ? e.message : String(e)}`);
      reply(res, { status: 503, code: 'unavailable', error: 'the hub could not write the alert right now; retry later' });
    });
    return true;
  };

  private async handle(source: AlertSource, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refuse = (r: Refusal): void => {
      this.logRefusal(source, r);
      reply(res, r);
    };
    const early = this.earlyRefusal(source, req);
    this.inFlight++;
    try {
      // Read (or drain) the body even to refuse: a reply sent over an unread body can reach the sender as a reset.
      const body = await readBody(req, this.options.config.maxBodyBytes);
      if (early) return refuse(early);
      if (body === 'too-large')
        return refuse({ status: 413, code: 'too-large', error: `the body is larger than ${this.options.config.maxBodyBytes} bytes` });
      const sourceConfig = this.options.config.sources[source]!;
      const signed = sourceConfig.auth === 'hmac' ? hmacProblem(sourceConfig, req.headers, body) : null;
      if (signed) return refuse({ status: 401, code: 'unauthorized', error: signed });
      const limited = this.rateLimited(source);
      if (limited) return refuse(limited);
      const outcome = await this.take(source, body);
      if ('status' in outcome) return refuse(outcome);
      reply(res, { status: 200, body: { ok: true, ...outcome } });
    } finally {
      this.inFlight--;
    }
  }

  private logRefusal(source: AlertSource, r: Refusal): void {
    const now = this.options.now();
    const q = this.quiet.get(source) ?? { at: -Infinity, held: 0 };
    this.quiet.set(source, q);
    if (now - q.at < 1_000) {
      q.held++;
      return;
    }
    const more = q.held ? ` (and ${q.held} more refused since the last line)` : '';
    this.options.log(`refused an alert (${source}, ${r.status}): ${r.error}${more}`);
    q.at = now;
    q.held = 0;
  }

  /** What can be refused from the request line and headers alone, before reading a byte of the body. */
  private earlyRefusal(source: AlertSource, req: IncomingMessage): Refusal | null {
    const sourceConfig: AlertSourceConfig | undefined = this.options.config.sources[source];
    if (!sourceConfig)
      return { status: 404, code: 'not-found', error: `this hub takes no ${source} alerts: add sources.${source} to its alerts config` };
    if (req.method !== 'POST') return { status: 405, code: 'method-not-allowed', error: `POST alerts to ${ALERT_PATHS[source]}` };
    if (!this.options.accepting()) return { status: 503, code: 'unavailable', error: 'the hub is stopping; retry later' };
    if (sourceConfig.auth === 'bearer') {
      const problem = bearerProblem(sourceConfig, req.headers);
      if (problem) return { status: 401, code: 'unauthorized', error: problem };
    }
    if (this.inFlight >= MAX_IN_FLIGHT)
      return { status: 429, code: 'rate-limited', error: 'too many alerts at once; retry in a second', retryAfterMs: 1_000 };
    return null;
  }

  private rateLimited(source: AlertSource): Refusal | null {
    const wait = this.buckets.get(source)!.take(1);
    if (wait === 0) return null;
    return { status: 429, code: 'rate-limited', error: `too many ${source} alerts; retry in ${wait} ms`, retryAfterMs: wait };
  }

  private async take(source: AlertSource, body: Buffer): Promise<Refusal | AlertOutcome> {
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch (e) {
      return { status: 400, code: 'malformed', error: `the body is not JSON: ${(e as Error).message.slice(0, 200)}` };
    }
    const group = parseAlertPayload(source, json);
    if (!group.ok) return { status: 400, code: 'malformed', error: group.error };
    const route = routeAlert(this.options.config.rules, group.value);
    if (!route.ok) return { status: 422, code: 'no-rule', error: route.error };
    return this.options.desk.take(group.value, route.value);
  }
}

/** The body, or 'too-large' once past `max` (read on, and dropped, up to DRAIN_BYTES, so the refusal can be read). */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    let size = 0;
    const chunks: Buffer[] = [];
    let tooLarge = declared > max;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
      else if (size > DRAIN_BYTES) {
        resolve('too-large');
        req.destroy();
      }
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, r: Refusal | { status: number; body: object }): void {
  if (res.headersSent) return;
  const body =
    'body' in r ? r.body : { ok: false, code: r.code, error: r.error, ...(r.retryAfterMs ? { retryAfterMs: r.retryAfterMs } : {}) };
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
  if ('retryAfterMs' in r && r.retryAfterMs) headers['retry-after'] = String(Math.max(1, Math.ceil(r.retryAfterMs / 1000)));
  res.writeHead(r.status, headers);
  res.end(JSON.stringify(body) + '\n');
}
