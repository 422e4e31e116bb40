import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { CONNECT_ERROR_CODES, ERROR_CODES, REFUSAL_CODES } from '../../src/sync/protocol.js';
import { VERSION } from '../version.js';
import type { HubStorage, SharedOrder } from './hub-storage.js';

/** Every code a refusal can carry: each series exists (at 0) from the start, so rate() and alerts see the first one. */
export const REFUSAL_METRIC_CODES = [...new Set<string>([...CONNECT_ERROR_CODES, ...ERROR_CODES, ...REFUSAL_CODES])];

export interface HubGaugeSources {
  /** Connected peers right now. */
  peers(): number;
  /** Rooms held in memory right now. */
  rooms(): number;
}

/**
 * What an operator graphs and alerts on, in Prometheus' text format at GET /metrics. Its own registry, so two
 * hubs in one process (tests, an app hosting while a CLI hub runs) never mix their numbers.
 */
export class HubMetrics {
  readonly registry = new Registry();
  private readonly pushedTotal: Counter;
  private readonly pulledTotal: Counter;
  private readonly refusalsTotal: Counter<'code'>;
  private readonly fsyncSeconds: Histogram;
  private readonly slowReadersTotal: Counter;

  constructor(sources: HubGaugeSources, options: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    new Gauge({
      name: 'warroom_hub_peers',
      help: 'Peers connected now',
      registers,
      collect() {
        this.set(sources.peers());
      },
    });
    new Gauge({
      name: 'warroom_hub_rooms',
      help: 'Rooms (incidents) held in memory now',
      registers,
      collect() {
        this.set(sources.rooms());
      },
    });
    this.pushedTotal = new Counter({ name: 'warroom_hub_events_pushed_total', help: 'Events peers pushed that the hub stored', registers });
    this.pulledTotal = new Counter({ name: 'warroom_hub_events_pulled_total', help: 'Events the hub sent in answer to pulls', registers });
    this.refusalsTotal = new Counter({
      name: 'warroom_hub_refusals_total',
      help: 'Connections, requests and events the hub refused, by code',
      labelNames: ['code'],
      registers,
    });
    for (const code of REFUSAL_METRIC_CODES) this.refusalsTotal.inc({ code }, 0);
    this.slowReadersTotal = new Counter({
      name: 'warroom_hub_slow_readers_dropped_total',
      help: 'Peers dropped because they did not read what was queued for them',
      registers,
    });
    this.fsyncSeconds = new Histogram({
      name: 'warroom_hub_fsync_seconds',
      help: 'Time to make one batch of events durable (write + fsync); every ack waits for it',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    // Which build answers: `warroom_hub_build_info{version="0.1.0"} 1`, the usual way to graph upgrades.
    new Gauge({
      name: 'warroom_hub_build_info',
      help: 'Always 1; the labels say which build of the hub is running',
      labelNames: ['version', 'nodejs'],
      registers,
    }).set({ version: VERSION, nodejs: process.version }, 1);
    // Memory, CPU and event-loop lag of the hub process, under the standard names (process_*, nodejs_*) that
    // stock Node.js dashboards read: only for a standalone hub, where the process is the hub.
    if (options.processMetrics) {
      collectDefaultMetrics({ register: this.registry });
      // prom-client's three gauges named *_total break the exposition rules (`promtool check metrics`): their
      // per-type twins (nodejs_active_handles{type}, ...) carry the same numbers; sum() them for the total.
      for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'])
        this.registry.removeSingleMetric(name);
    }
  }

  /** Bytes queued for peers and bytes of catch-up pages not yet read: what flooding peers could make the hub hold. */
  watchQueues(sources: { sendQueues(): number; pagesInFlight(): number }): void {
    const registers = [this.registry];
    new Gauge({
      name: 'warroom_hub_send_queue_bytes',
      help: 'Bytes queued for all peers together at the last check (capped: past the cap the longest queues are dropped)',
      registers,
      collect() {
        this.set(sources.sendQueues());
      },
    });
    new Gauge({
      name: 'warroom_hub_page_bytes_in_flight',
      help: 'Bytes of catch-up pages built and not yet read by their peers (capped per key, per invite and in all)',
      registers,
      collect() {
        this.set(sources.pagesInFlight());
      },
    });
  }

  slowReaderDropped(): void {
    this.slowReadersTotal.inc();
  }

  pushed(n: number): void {
    if (n > 0) this.pushedTotal.inc(n);
  }

  pulled(n: number): void {
    if (n > 0) this.pulledTotal.inc(n);
  }

  refused(code: string, n = 1): void {
    this.refusalsTotal.inc({ code }, n);
  }

  /** The same storage, with every append timed: an append resolves only after its fsync. */
  timed(storage: HubStorage): HubStorage {
    const histogram = this.fsyncSeconds;
    return {
      listRooms: () => storage.listRooms(),
      loadRoom: (room) => storage.loadRoom(room),
      scanRoom: (room, visit) => storage.scanRoom(room, visit),
      readEvents: (room, refs) => storage.readEvents(room, refs),
      // Only when the storage has it: without it the hub encodes readEvents' answer itself.
      ...(storage.readLines ? { readLines: storage.readLines.bind(storage) } : {}),
      async append(room, events) {
        const end = histogram.startTimer();
        try {
          return await storage.append(room, events);
        } finally {
          end();
        }
      },
      releaseRoom: (room) => storage.releaseRoom(room),
      close: () => storage.close(),
      // Shared storage: a write is durable once its transaction commits, which the same histogram times.
      ...(storage.shared ? { shared: timedShared(storage.shared, histogram) } : {}),
    };
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}

function timedShared(shared: SharedOrder, histogram: Histogram): SharedOrder {
  return {
    scanAfter: (room, after, visit) => shared.scanAfter(room, after, visit),
    async write(room, work) {
      const end = histogram.startTimer();
      try {
        return await shared.write(room, work);
      } finally {
        end();
      }
    },
  };
}
