import { resolve } from 'node:path';
import { EXPORT_FORMATS } from '../../../src/export/export-formats.js';
import { resolveTimeZone } from '../../../src/export/time-zone.js';
import { exportIncidentChunks, exportIncidentToFile } from '../../services/incident-exporter.js';
import { checkOneOf } from '../args.js';
import { optional, required, UsageError, type Command } from '../command.js';
import { openIncident } from '../open-incident.js';

export const exportCommand: Command = {
  name: 'export',
  summary: 'export an incident: Markdown postmortem, JSON (lossless, re-importable), CSV timeline or HTML report',
  usage: `warroom export --incident ID --format ${EXPORT_FORMATS.join('|')} [--out FILE] [--tz ZONE] [--bom]`,
  options: {
    incident: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    tz: { type: 'string' },
    bom: { type: 'boolean' },
  },
  optionHelp: {
    incident: 'the incident id (required)',
    format: `${EXPORT_FORMATS.join(', ')} (required)`,
    out: 'write to this file (whole or not at all) instead of standard output',
    tz: "time zone for the times shown, e.g. Europe/Berlin (default: this machine's)",
    bom: 'start CSV with a byte-order mark, so Excel on Windows reads accents right',
  },
  choices: { format: EXPORT_FORMATS },
  examples: [
    'warroom export --incident inc_2x7k9m4q1b --format md --out postmortem.md',
    'warroom export --incident inc_2x7k9m4q1b --format csv | head',
  ],
  async run(ctx) {
    const format = checkOneOf('format', required(ctx.values, 'format').toLowerCase(), EXPORT_FORMATS, 'format');
    const zone = resolveTimeZone(optional(ctx.values, 'tz'));
    if (!zone.ok) throw new UsageError(zone.error);
    const out = optional(ctx.values, 'out');
    if (out !== undefined && out.trim() === '') throw new UsageError('--out needs a file name');
    const { warRoom, incident } = await openIncident(ctx, 'read');
    // --bom: CSV for Excel on Windows, which garbles non-ASCII names in a UTF-8 file without one.
    const options = { tz: zone.value, bom: ctx.values.bom === true };
    if (out === undefined) {
      // Chunk by chunk, waiting for the reader: stdout carries the bytes --out would write.
      for (const chunk of await exportIncidentChunks(warRoom, incident, format, options)) if (chunk) await ctx.write(chunk);
    } else {
      const path = resolve(out);
      await exportIncidentToFile(warRoom, incident, format, path, options);
      ctx.err(`wrote ${path}`);
    }
    return 0;
  },
};
