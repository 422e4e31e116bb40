import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

/** Where the hub itself answers: a webhook may never point back at it (a loop, or a way to reach its own API). */
export interface SelfAddress {
  port: number;
  /** The hub's public address (--public-url), when it sits behind a proxy. */
  publicOrigin?: string | null;
}

export type PostOutcome = { ok: true; status: number } | { ok: false; retry: boolean; reason: string };

const RESPONSE_BYTES = 64 * 1024;

/** True when `ip` is this machine (loopback, any-address, or one of its interfaces). */
function isThisMachine(ip: string): boolean {
  const plain = ip.replace(/^::ffff:/, '');
  if (plain === '0.0.0.0' || plain === '::' || plain === '::1' || plain.startsWith('127.')) return true;
  return Object.values(networkInterfaces()).some((list) => list?.some((i) => i.address.replace(/^::ffff:/, '') === plain));
}

/** Why this address and port are the hub itself, or null. */
export function selfProblem(ip: string, port: number, self: SelfAddress): string | null {
  return port === self.port && isThisMachine(ip)
    ? `the URL points at this hub itself (${ip}:${port}): webhooks go to other services`
    : null;
}

/**
 * POSTs a JSON body to a webhook and says how it went: delivered (2xx), worth another try (network trouble, a
 * timeout, 408, 425, 429, 5xx), or not (any other answer, or an address the hub must not call: itself). The
 * address is checked after the name is resolved, on the connection itself, so a name that resolves to the hub
 * is caught too. Redirects are not followed; at most 64 KiB of the answer is read.
 */
export function postJson(
  rawUrl: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  self: SelfAddress,
  signal?: AbortSignal,
): Promise<PostOutcome> {
  const url = new URL(rawUrl);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (self.publicOrigin && url.origin === self.publicOrigin)
    return Promise.resolve(refused(`the URL is this hub's own public address (${url.origin})`));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    const problem = selfProblem(host, port, self);
    if (problem) return Promise.resolve(refused(problem));
  }
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: PostOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const guardedLookup = (hostname: string, options: object, callback: (...args: unknown[]) => void): void => {
      dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
        if (err) return callback(err);
        const bad = addresses.map((a) => selfProblem(a.address, port, self)).find((p) => p !== null);
        if (bad) return callback(Object.assign(new Error(bad), { code: 'SELF_ADDRESS' }));
        const all = (options as { all?: boolean }).all === true;
        return all ? callback(null, addresses) : callback(null, addresses[0]!.address, addresses[0]!.family);
      });
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': 'WarRoom-hub',
        ...headers,
      },
      lookup: guardedLookup as never,
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'SELF_ADDRESS') done(refused(e.message));
      else done({ ok: false, retry: true, reason: e.code ? `${e.code}: ${e.message}` : e.message });
    });
    const timer = setTimeout(() => {
      req.destroy();
      done({ ok: false, retry: true, reason: `no answer within ${Math.round(timeoutMs / 1000)} s` });
    }, timeoutMs);
    timer.unref();
    const abort = (): void => {
      req.destroy();
      done({ ok: false, retry: false, reason: 'the hub is stopping' });
    };
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
    req.on('response', (res: IncomingMessage) => readAnswer(res).then((text) => done(judge(res.statusCode ?? 0, text))));
    req.end(body);
  });
}

const refused = (reason: string): PostOutcome => ({ ok: false, retry: false, reason });

function judge(status: number, text: string): PostOutcome {
  if (status >= 200 && status < 300) return { ok: true, status };
  const said = text.trim() ? `: ${text.trim().slice(0, 200)}` : '';
  const retry = status === 408 || status === 425 || status === 429 || status >= 500;
  return { ok: false, retry, reason: `HTTP ${status}${said}` };
}

function readAnswer(res: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (c: Buffer) => {
      if (size < RESPONSE_BYTES) chunks.push(c.subarray(0, RESPONSE_BYTES - size));
      size += c.length;
      if (size >= RESPONSE_BYTES) res.destroy();
    });
    const end = () => resolve(Buffer.concat(chunks).toString('utf8'));
    res.on('end', end);
    res.on('close', end);
    res.on('error', end);
  });
}
