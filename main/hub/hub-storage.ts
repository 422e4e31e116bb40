import { join } from 'node:path';
import type { WarEvent } from '../../src/model/envelope.js';
import { IncidentLogStore, type LogIssue } from '../services/incident-log-store.js';

/**
 * Where the hub keeps each room's log. The hub needs only these four things, so a shared store for several
 * hubs behind a load balancer (Redis Streams, Postgres) is a new adapter, not a new hub.
 */
export interface HubStorage {
  /** Every stored room (incident id). */
  listRooms(): Promise<string[]>;
  /** A room's events, in any order; an unknown room is empty. */
  loadRoom(room: string): Promise<{ events: WarEvent[]; issues: LogIssue[] }>;
  /** Resolves only once the events are durable: the hub acks a peer after this and never before. */
  append(room: string, events: readonly WarEvent[]): Promise<void>;
  close(): Promise<void>;
}

/** The file adapter: the same JSON-lines store the app uses, at <data-dir>/incidents/<id>.jsonl. */
export class FileHubStorage implements HubStorage {
  private readonly store: IncidentLogStore;

  constructor(dataDir: string) {
    this.store = new IncidentLogStore(join(dataDir, 'incidents'));
  }

  listRooms(): Promise<string[]> {
    return this.store.list();
  }

  async loadRoom(room: string): Promise<{ events: WarEvent[]; issues: LogIssue[] }> {
    const { events, issues } = await this.store.read(room);
    return { events, issues };
  }

  append(room: string, events: readonly WarEvent[]): Promise<void> {
    return this.store.append(room, events);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
