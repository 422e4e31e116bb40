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
  /** The invite's whole budget, which every holder but a quiet one also needs (see `join`). */
  total: ConnectionBudget;
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

/** How full a new holder's share starts: just under quiet, so its first requests also need the invite's budget. */
const NEW_HOLDER_FILL = 0.45;

export const DEFAULT_HOLDER_LIMITS: HolderLimits = {
  rates: DEFAULT_RATE_LIMITS,
  connectionsPerKey: PROTOCOL_LIMITS.connectionsPerKey,
  connectsPerSecond: PROTOCOL_LIMITS.inviteConnectsPerSecond,
  connectsBurst: PROTOCOL_LIMITS.inviteConnectsBurst,
};

/**
 * Push, pull and connection budgets per key and per invite, not per connection: twenty connections of one key
 * share one key's budget, and all the keys that came in with one invite share one key's budget between them.
 * Keys cost nothing to make, so the invite is what bounds a hostile holder; the key is what bounds one
 * person's several connections.
 *
 * Fair between holders: each key of an invite has an equal share of it. A request needs its key's budget, its
 * share, and the invite's whole budget, except that a quiet holder (more than half its share left) does not
 * need the invite's: twenty busy keys drain the invite, and a teammate who came in with the same link and
 * writes now and then is not slowed by them. A new holder starts under half its share (it is not quiet until
 * it has waited), and one whose connections close keeps its share until it has refilled, so coming back with
 * a fresh key or connection buys no burst.
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
    const share = this.holder(invite.holders, key, 1 / (invite.holders.size + (invite.holders.has(key) ? 0 : 1)), NEW_HOLDER_FILL);
    own.connections++;
    share.connections++;
    this.reshare(invite);
    const mine = share.share;
    const budgets = [own.share, mine, invite.total];
    // The budgets this request must wait for: the invite's whole only for a holder that is not quiet.
    const needed = (kind: 'push' | 'pull') => (mine.quiet(kind) ? budgets.slice(0, 2) : budgets);
    let left = false;
    return {
      push: (events, bytes) => {
        const wait = Math.max(...needed('push').map((b) => b.pushWait()));
        if (wait === 0) for (const b of budgets) b.chargePush(events, bytes);
        return wait;
      },
      pull: () => {
        const wait = Math.max(...needed('pull').map((b) => b.pullWait()));
        if (wait === 0) for (const b of budgets) b.chargePull();
        return wait;
      },
      chargePulled: (bytes) => budgets.forEach((b) => b.chargePulled(bytes)),
      leave: () => {
        if (left) return;
        left = true;
        own.connections--;
        share.connections--;
        if (own.connections === 0 && own.share.rested) this.keys.delete(keyId);
        this.prune(invite);
        if (invite.holders.size === 0 && invite.connects.full && invite.total.rested) this.invites.delete(inviteKey);
      },
    };
  }

  private holder(map: Map<string, Holder>, id: string, share: number, fill = 1): Holder {
    let h = map.get(id);
    if (!h) map.set(id, (h = { share: new ConnectionBudget(this.now, this.limits.rates, share, fill), connections: 0 }));
    return h;
  }

  private invite(inviteKey: string): Invite {
    let invite = this.invites.get(inviteKey);
    if (!invite) {
      const connects = new TokenBucket(this.limits.connectsBurst, this.limits.connectsPerSecond, this.now);
      const total = new ConnectionBudget(this.now, this.limits.rates);
      this.invites.set(inviteKey, (invite = { holders: new Map(), total, connects }));
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
