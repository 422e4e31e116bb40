import type { SyncStatus } from '../src/ipc/contract.js';
import { SocketIoTransport } from '../main/sync/socket-io-transport.js';
import { SyncSession } from '../main/sync/sync-session.js';
import type { ConnectionStatus } from '../main/sync/sync-status.js';
import { BrowserRoom } from './browser-room.js';
import { toBase64url } from './identity/base64url.js';
import { EventChecks } from './identity/event-checks.js';
import { browserCrypto, type BrowserCrypto } from './identity/web-crypto.js';
import type { ViewerLink } from './viewer-link.js';

/** What the page shows as its name in the room's presence list. */
export const BROWSER_VIEWER_NAME = 'Viewer (browser)';

/**
 * The browser view as a peer: a key pair of its own (made now, kept only in memory), the incident in memory
 * (BrowserRoom), and the app's own SyncSession over the app's own Socket.IO adapter, to the hub that served the
 * page. Nothing here writes: the page has no controls, and the hub refuses a viewer's writes anyway.
 */
export class WebPeer {
  private constructor(
    readonly link: ViewerLink,
    readonly hubUrl: string,
    readonly room: BrowserRoom,
    readonly session: SyncSession,
    readonly crypto: BrowserCrypto,
  ) {}

  static async start(link: ViewerLink, hubUrl: string, options: { preferLibrary?: boolean } = {}): Promise<WebPeer> {
    const crypto = await browserCrypto(options);
    const checks = new EventChecks(crypto);
    const pair = await crypto.generate();
    const key = toBase64url(pair.publicKey);
    const actor = { id: await checks.actorIdOf(key), name: BROWSER_VIEWER_NAME };
    const encoder = new TextEncoder();
    const room = new BrowserRoom(link.room, checks, {
      key,
      actor,
      sign: async (text) => toBase64url(await pair.sign(encoder.encode(text))),
    });
    const transport = new SocketIoTransport({
      hubUrl,
      auth: (challenge) => room.handshake(link.token, challenge),
      verify: (k, text, sig) => checks.verifyText(k, text, sig),
      expectedHub: async () => (await room.latestHead())?.hub ?? null,
    });
    const session = new SyncSession({ port: room, transport, hubUrl });
    session.start();
    return new WebPeer(link, hubUrl, room, session, crypto);
  }

  /** The room as the window's header and team dialog show it. */
  status(): SyncStatus {
    const s: ConnectionStatus = this.session.status();
    return {
      incident: this.room.incident,
      state: s.state,
      hubUrl: this.hubUrl,
      unsynced: 0,
      members: (s.peers ?? []).map((p) => ({ id: p.id, name: p.name, role: p.role })),
      paused: false,
      hosting: false,
      link: null,
      share: null,
      lastSyncedAt: s.lastSyncedAt ?? null,
      error: this.session.refusal ?? s.error ?? null,
      // The page never writes, whatever the link's role: see the README ("A browser link").
      role: 'viewer',
    };
  }
}
