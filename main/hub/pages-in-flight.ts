import { PROTOCOL_LIMITS } from '../../src/sync/protocol.js';

export interface PageCaps {
  perKey: number;
  perInvite: number;
  total: number;
  /** A page counts as read once its connection has less than this queued. */
  readBytes: number;
  /** A page still unread this long after it was sent: its connection is not reading (it is dropped). */
  readMs: number;
}

export const DEFAULT_PAGE_CAPS: PageCaps = {
  perKey: PROTOCOL_LIMITS.pageBytesInFlightPerKey,
  perInvite: PROTOCOL_LIMITS.pageBytesInFlightPerInvite,
  total: PROTOCOL_LIMITS.pageBytesInFlight,
  readBytes: PROTOCOL_LIMITS.pageReadBytes,
  readMs: PROTOCOL_LIMITS.pageReadMs,
};

interface Held {
  key: string;
  invite: string;
  bytes: number;
  /** When it was built and handed to the connection (hub clock): from then on, read once its queue is short. */
  sentAt: number | null;
}

/**
 * Catch-up pages built and not yet read, charged before a page is built: a connection whose last page is
 * still queued for it gets no next page, and one key, one invite and the whole hub each have a cap on the
 * bytes of pages in flight. Twenty connections that ask for pages and never read them hold at most the
 * invite's cap, instead of a page each per request (which once took the hub from 227 MiB to 1.8 GB).
 */
export class PagesInFlight {
  private total = 0;
  private readonly byKey = new Map<string, number>();
  private readonly byInvite = new Map<string, number>();
  private readonly held = new Map<string, Held>();

  constructor(
    /** Bytes queued for a connection right now, or null once it is gone. */
    private readonly queued: (socketId: string) => number | null,
    /** A connection that has left a page unread for `caps.readMs`: it holds the invite's pages, so it goes. */
    private readonly unread: (socketId: string, bytes: number) => void,
    private readonly now: () => number,
    private readonly caps: PageCaps = DEFAULT_PAGE_CAPS,
  ) {}

  /** Bytes of pages in flight now (for /metrics). */
  get bytes(): number {
    return this.total;
  }

  /** Reserves `bytes` for this connection's next page, or says why it must wait (its page, or a cap, is full). */
  reserve(socketId: string, key: string, invite: string, bytes: number): string | null {
    this.settleRead();
    if (this.held.has(socketId)) return 'your previous page is still on its way: read it before asking for the next';
    if ((this.byKey.get(key) ?? 0) + bytes > this.caps.perKey) return "your key's pages in flight are at their cap";
    if ((this.byInvite.get(invite) ?? 0) + bytes > this.caps.perInvite) return "this invite's pages in flight are at their cap";
    if (this.total + bytes > this.caps.total) return "the hub's pages in flight are at their cap";
    this.held.set(socketId, { key, invite, bytes, sentAt: null });
    this.add(key, invite, bytes);
    return null;
  }

  /** The page is built: it holds `bytes`, not the most it could have (nothing to send frees it at once). */
  built(socketId: string, bytes: number): void {
    const h = this.held.get(socketId);
    if (!h) return;
    this.add(h.key, h.invite, bytes - h.bytes);
    h.bytes = bytes;
    h.sentAt = this.now();
    if (bytes === 0) this.release(socketId);
  }

  /** Frees a connection's page (it closed, or its page was never built). */
  release(socketId: string): void {
    const h = this.held.get(socketId);
    if (!h) return;
    this.held.delete(socketId);
    this.add(h.key, h.invite, -h.bytes);
  }

  /** Frees the pages whose connections have read them (or are gone); tells of those left unread too long. */
  settleRead(): void {
    const at = this.now();
    for (const [id, h] of this.held) {
      const q = this.queued(id);
      if (q === null || (h.sentAt !== null && q < this.caps.readBytes)) this.release(id);
      else if (h.sentAt !== null && at - h.sentAt > this.caps.readMs) {
        this.release(id);
        this.unread(id, q);
      }
    }
  }

  private add(key: string, invite: string, bytes: number): void {
    this.total += bytes;
    bump(this.byKey, key, bytes);
    bump(this.byInvite, invite, bytes);
  }
}

function bump(map: Map<string, number>, id: string, by: number): void {
  const v = (map.get(id) ?? 0) + by;
  if (v > 0) map.set(id, v);
  else map.delete(id);
}
