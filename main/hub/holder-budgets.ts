import { PROTOCOL_LIMITS } from '../../src/sync/protocol.js';
import { ConnectionBudget, DEFAULT_RATE_LIMITS, type RateLimits } from './connection-budget.js';
import { TokenBucket } from './token-bucket.js';

/** What one connection is charged against: its key's budget and its key's share of its invite's. */
export interface HolderBudget {
  /** 0 when a push of this size may go ahead (and charges it), else the ms to wait. */
  push(events: number, bytes: number): number;
  /** 0 when a pull may go ahead (and charges the request), else the ms to wait. */
  pull(): number;
  /** The size of a pull's answer: charged before the page is built (its most), settled once it is. */
  chargePulled(bytes: number): void;
  /** The connection closed. */
  leave(): void;
}

interface Holder {
  share: ConnectionBudget;
  connections: number;
}

interface Invite {
  /** key -> that key's equal share of the invite; kept after its connections close until it has refilled. */
  holders: Map<string, Holder>;
  /** New connections per second the invite may open. */
  connects: TokenBucket;
}

export interface HolderLimits {
  rates: RateLimits;
  /** Open connections one key may have in one room. */
  connectionsPerKey: number;
  /** New connections one invite may open: per second, and at once. */
  connectsPerSecond: number;
  connectsBurst: number;
}

export const DEFAULT_HOLDER_LIMITS: HolderLimits = {
  rates: DEFAULT_RATE_LIMITS,
  connectionsPerKey: PROTOCOL_LIMITS.connectionsPerKey,
  connectsPerSecond: PROTOCOL_LIMITS.inviteConnectsPerSecond,
  connectsBurst: PROTOCOL_LIMITS.inviteConnectsBurst,
};

/**
 * Push, pull and connection budgets per key and per invite, not per connection: twenty connections of one key
 * share one key's budget, and all the keys that came in with one invite share one key's budget between them,
 * in equal parts (a holder that asks for little is never slowed by one that asks for much). Keys cost nothing
 * to make, so the invite is what bounds a hostile holder; the key is what bounds one person's several
 * connections. A holder whose connections close keeps its share until it has refilled, so reconnecting (or
 * coming back with a fresh key) does not buy a fresh burst.
 */
export class HolderBudgets {
  private readonly keys = new Map<string, Holder>();
  private readonly invites = new Map<string, Invite>();

  constructor(
    private readonly now: () => number,
    private readonly limits: HolderLimits = DEFAULT_HOLDER_LIMITS,
  ) {}

  /** Why a new connection of this key with this invite must wait, or null: checked at the handshake. */
  admit(room: string, inviteKey: string, key: string): string | null {
    const open = this.keys.get(`${room}\u0000${key}`)?.connections ?? 0;
    if (open >= this.limits.connectionsPerKey) {
      return `this key already has ${open} open connections to this incident, the most one key may: close one first`;
    }
    const wait = this.invite(inviteKey).connects.take(1);
    if (wait > 0) return `this invite opened too many connections just now: retry in ${wait} ms`;
    return null;
  }

  /** A connection admitted: its budget, charged to its key and to its key's share of the invite. */
  join(room: string, inviteKey: string, key: string): HolderBudget {
    const keyId = `${room}\u0000${key}`;
    const own = this.holder(this.keys, keyId, 1);
    const invite = this.invite(inviteKey);
    this.prune(invite);
    const share = this.holder(invite.holders, key, 1 / (invite.holders.size + (invite.holders.has(key) ? 0 : 1)));
    own.connections++;
    share.connections++;
    this.reshare(invite);
    const budgets = [own.share, share.share];
    let left = false;
    return {
      push: (events, bytes) => ConnectionBudget.pushAll(budgets, events, bytes),
      pull: () => ConnectionBudget.pullAll(budgets),
      chargePulled: (bytes) => budgets.forEach((b) => b.chargePulled(bytes)),
      leave: () => {
        if (left) return;
        left = true;
        own.connections--;
        share.connections--;
        if (own.connections === 0 && own.share.rested) this.keys.delete(keyId);
        this.prune(invite);
        if (invite.holders.size === 0 && invite.connects.full) this.invites.delete(inviteKey);
      },
    };
  }

  private holder(map: Map<string, Holder>, id: string, share: number): Holder {
    let h = map.get(id);
    if (!h) map.set(id, (h = { share: new ConnectionBudget(this.now, this.limits.rates, share), connections: 0 }));
    return h;
  }

  private invite(inviteKey: string): Invite {
    let invite = this.invites.get(inviteKey);
    if (!invite) {
      const connects = new TokenBucket(this.limits.connectsBurst, this.limits.connectsPerSecond, this.now);
      this.invites.set(inviteKey, (invite = { holders: new Map(), connects }));
    }
    return invite;
  }

  /** Holders with no connection and nothing owed are forgotten; the rest share the invite equally. */
  private prune(invite: Invite): void {
    let changed = false;
    for (const [key, h] of invite.holders) {
      if (h.connections === 0 && h.share.rested) {
        invite.holders.delete(key);
        changed = true;
      }
    }
    if (changed) this.reshare(invite);
  }

  private reshare(invite: Invite): void {
    const share = 1 / Math.max(1, invite.holders.size);
    for (const h of invite.holders.values()) h.share.resize(share);
  }
}
