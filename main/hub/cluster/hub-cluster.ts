import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import { randomId } from '../../../src/model/ids.js';
import type { Signer } from '../../identity/event-signature.js';
import { checkClusterSettings, redactUrl, type ClusterSettings } from './cluster-settings.js';
import { deliverHereFirst } from './here-first-adapter.js';
import { PostgresHubStorage } from './postgres-storage.js';
import type { HubLog } from '../hub-log.js';
import {
  PostgresPersonalInvites,
  PostgresRevokedInvites,
  sharedHubKey,
  sharedInviteSecret,
  type RevocationList,
} from './postgres-hub-state.js';

/** Everything a hub takes from the cluster instead of its data dir. */
export interface HubCluster {
  /** This hub process among the others (presence keys, logs). */
  hubId: string;
  storage: PostgresHubStorage;
  secret: Buffer;
  hubKey: Signer;
  revoked: RevocationList;
  personal: PostgresPersonalInvites;
  /** A Redis connection (commands), when Redis is configured. */
  redis: Redis | null;
  /** Socket.IO's adapter over Redis Streams, when Redis is configured. */
  adapter: ReturnType<typeof createAdapter> | undefined;
  close(): Promise<void>;
}

/** Connects to Postgres (migrating its schema) and Redis, and reads what every hub shares. */
export async function openCluster(settings: ClusterSettings, log: HubLog, now: () => number): Promise<HubCluster> {
  const problem = checkClusterSettings(settings);
  if (problem) throw new Error(problem);
  const storage = await PostgresHubStorage.open(settings.storage);
  let redis: Redis | null = null;
  try {
    const [secret, hubKey] = [await sharedInviteSecret(storage.pool), await sharedHubKey(storage.pool)];
    redis = settings.redis ? await connectRedis(settings.redis, log) : null;
    const redisClient = redis;
    return {
      hubId: randomId('h_', 12),
      storage,
      secret,
      hubKey,
      revoked: new PostgresRevokedInvites(storage.pool, now),
      personal: new PostgresPersonalInvites(storage.pool),
      redis,
      // One stream for every room; after Redis comes back the adapter reads on from where it was.
      adapter: redisClient
        ? deliverHereFirst(createAdapter(redisClient, { streamName: 'warroom', channelPrefix: 'warroom' }), lostBroadcast(log))
        : undefined,
      async close() {
        redisClient?.disconnect();
      },
    };
  } catch (e) {
    redis?.disconnect();
    await storage.close().catch(() => undefined);
    throw e;
  }
}

/** A broadcast Redis refused (the order beacon brings it to the other hubs' peers later): said at most every 10 s. */
function lostBroadcast(log: HubLog): (e: unknown) => void {
  let saidAt = -Infinity;
  return (e) => {
    if (Date.now() - saidAt < 10_000) return;
    saidAt = Date.now();
    log('warn', `a live event did not reach the other hubs through Redis: ${e instanceof Error ? e.message : String(e)}`);
  };
}

async function connectRedis(url: string, log: HubLog): Promise<Redis> {
  // Commands wait while Redis is away (a broadcast goes out late rather than never) and retry for good.
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true, retryStrategy: (times) => Math.min(times * 100, 2_000) });
  let down = false;
  redis.on('error', (e: Error) => {
    if (down) return;
    down = true;
    log('warn', `Redis at ${redactUrl(url)} is unreachable (${e.message}); live events between hubs wait for it`);
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    log('info', `Redis at ${redactUrl(url)} is back`);
  });
  try {
    await redis.connect();
  } catch (e) {
    redis.disconnect();
    throw new Error(`cannot reach Redis at ${redactUrl(url)}: ${(e as Error).message}`);
  }
  return redis;
}
