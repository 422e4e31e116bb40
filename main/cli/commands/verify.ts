import { readFile } from 'node:fs/promises';
import { locateEvents, verifyLog } from '../../identity/log-verifier.js';
import { optional, UsageError, type Command } from '../command.js';
import { incidentsDir } from '../../services/data-dir.js';
import { IncidentLogStore } from '../../services/incident-log-store.js';

export const verifyCommand: Command = {
  name: 'verify',
  summary: "check a log or a JSON export offline: every signature, every origin's hash chain; exit 1 naming each event that fails",
  usage: 'warroom verify FILE | --incident ID [--json]',
  options: { incident: { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx) {
    const incident = optional(ctx.values, 'incident');
    if ((incident === undefined) === (ctx.positionals.length !== 1))
      throw new UsageError('give one FILE (a log or a JSON export) or --incident ID');
    const path = incident === undefined ? ctx.positionals[0]! : new IncidentLogStore(incidentsDir(ctx.dataDir)).pathOf(incident);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      throw new Error(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    }
    const located = locateEvents(text);
    if ('error' in located) throw new Error(located.error);
    const report = await verifyLog(located.events);
    if (ctx.values.json) ctx.out(JSON.stringify(report, null, 2));
    else {
      for (const p of report.problems) ctx.out(`FAIL ${p.where}${p.id ? ` (${p.id})` : ''}: ${p.code}: ${p.reason}`);
      const summary = `${report.events} events: ${report.signed} signed, ${report.unsigned} unsigned (written before keys; not checkable), ${report.origins} origin chain(s) intact`;
      ctx.out(
        report.problems.length
          ? `${summary}; ${report.problems.length} problem(s): this ${located.kind} was altered or is incomplete`
          : `${summary}; no problems`,
      );
    }
    return report.problems.length ? 1 : 0;
  },
};
