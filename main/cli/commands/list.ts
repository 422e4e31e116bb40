import { writeIncidentListCsv } from '../../../src/export/incident-list-csv.js';
import type { Command } from '../command.js';

export const listCommand: Command = {
  name: 'list',
  summary: 'list the incidents in the data directory, most recent first',
  usage: 'warroom list [--json | --csv]',
  options: { json: { type: 'boolean' }, csv: { type: 'boolean' } },
  optionHelp: {
    json: 'print a JSON array (id, title, severity, status, times, counts) instead of a table',
    csv: 'print CSV with durations and updates on time, for a spreadsheet',
  },
  examples: ['warroom list', 'warroom list --json'],
  async run(ctx) {
    const items = await (await ctx.warRoom()).listIncidents();
    if (ctx.values.csv) {
      // Durations and updates on time per incident, for a spreadsheet's trend (see writeIncidentListCsv).
      await ctx.write(writeIncidentListCsv(items));
      return 0;
    }
    if (ctx.values.json) {
      ctx.out(
        JSON.stringify(
          items.map((i) => ({ ...i, openedAt: new Date(i.openedAt).toISOString(), lastEventAt: new Date(i.lastEventAt).toISOString() })),
          null,
          2,
        ),
      );
      return 0;
    }
    if (items.length === 0) ctx.err('no incidents yet (start one: warroom new --title "...")');
    for (const i of items) ctx.out(`${i.id}  ${i.severity}  ${i.status.padEnd(13)}  ${new Date(i.openedAt).toISOString()}  ${i.title}`);
    return 0;
  },
};
