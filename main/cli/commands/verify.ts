import { readFile } from 'node:fs/promises';
import { locateEvents, verifyLog } from '../../identity/log-verifier.js';
import { verifyOrder } from '../../identity/order-verifier.js';
import { parseOrderText } from '../../services/incident-order-file.js';
import { parseEvent, type WarEvent } from '../../../src/kinds/event.js';
import { signedHeadSchema, type SignedHead } from '../../../src/model/room-order.js';
import { incidentArg, optional, UsageError, type Command } from '../command.js';
import { failureWords } from '../failure-words.js';
import { incidentsDir } from '../../services/data-dir.js';
import { IncidentLogStore } from '../../services/incident-log-store.js';

export const verifyCommand: Command = {
  name: 'verify',
  summary: "check a log or a JSON export offline: every signature, every origin's hash chain; exit 1 naming each event that fails",
  usage: 'warroom verify FILE | --incident ID [--json]',
  options: { incident: { type: 'string' }, json: { type: 'boolean' } },
  optionHelp: {
    incident: "check this incident's log in the data directory instead of a FILE",
    json: 'print the report as JSON (events, signed, unsigned, origins, problems)',
  },
  examples: ['warroom verify incident.json', 'warroom verify --incident inc_2x7k9m4q1b'],
  async run(ctx) {
    const incident = optional(ctx.values, 'incident');
    if ((incident === undefined) === (ctx.positionals.length !== 1))
      throw new UsageError('give one FILE (a log or a JSON export) or --incident ID');
    if (incident !== undefined) incidentArg(ctx);
    const path = incident === undefined ? ctx.positionals[0]! : new IncidentLogStore(incidentsDir(ctx.dataDir)).pathOf(incident);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      throw new Error(`cannot read ${path}: ${failureWords(e)}`);
    }
    const located = locateEvents(text);
    if ('error' in located) throw new Error(located.error);
    const report = await verifyLog(located.events);
    const order = await orderOf(
      path,
      text,
      located.kind,
      located.events.map((l) => l.raw),
    );
    if (order) report.problems.push(...order.problems);
    if (ctx.values.json) ctx.out(JSON.stringify(report, null, 2));
    else {
      for (const p of report.problems) ctx.out(`FAIL ${p.where}${p.id ? ` (${p.id})` : ''}: ${p.code}: ${p.reason}`);
      const ordered = !order
        ? '; never ordered by a hub'
        : order.head
          ? `; ${order.positions} positions of the hub's order, its signed head at ${order.head.n}`
          : `; ${order.positions} positions of the hub's order, no signed head kept (a removed last event cannot be told)`;
      const summary = `${report.events} events: ${report.signed} signed, ${report.unsigned} unsigned (nothing proves who wrote them), ${report.origins} origin chain(s) intact${ordered}`;
      ctx.out(
        report.problems.length
          ? `${summary}; ${report.problems.length} problem(s): this ${located.kind} was altered or is incomplete`
          : `${summary}; no problems`,
      );
    }
    return report.problems.length ? 1 : 0;
  },
};

/**
 * The room's agreed order the file keeps, checked: a log's `.order` beside it, or an export's `order`. Null for
 * an incident no hub ever ordered.
 */
async function orderOf(path: string, text: string, kind: 'log' | 'export', raws: readonly unknown[]) {
  const events = raws.flatMap((raw) => {
    const parsed = parseEvent(raw);
    return parsed.ok ? [parsed.value] : [];
  });
  const room = events.find((e) => e.kind === 'incident.opened')?.incident ?? events[0]?.incident;
  if (!room) return null;
  let ids: string[];
  let head: SignedHead | null;
  if (kind === 'export') {
    const order = (JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as { order?: { settled?: unknown; head?: unknown } })
      .order;
    if (!order || typeof order.settled !== 'number') return null;
    const parsedHead = signedHeadSchema.safeParse(order.head);
    head = parsedHead.success ? parsedHead.data : null;
    ids = events.slice(0, order.settled).map((e: WarEvent) => e.id);
    if (order.settled > events.length)
      ids.push(...Array.from({ length: order.settled - events.length }, (_, i) => `(missing event ${i + 1})`));
  } else {
    let orderText: string;
    try {
      orderText = await readFile(path.replace(/\.jsonl$/, '') + '.order', 'utf8');
    } catch {
      return null;
    }
    ({ ids, head } = parseOrderText(orderText));
  }
  return verifyOrder(room, events, ids, head);
}
