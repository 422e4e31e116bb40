import { resolve } from 'node:path';
import { EXPORT_FORMATS } from '../../../src/export/export-formats.js';
import { resolveTimeZone } from '../../../src/export/time-zone.js';
import { writeFileAtomic } from '../../services/atomic-file.js';
import { exportIncident } from '../../services/incident-exporter.js';
import { checkOneOf } from '../args.js';
import { optional, required, UsageError, type Command } from '../command.js';
import { openIncident } from '../open-incident.js';

export const exportCommand: Command = {
  name: 'export',
  summary: 'export an incident: Markdown postmortem, JSON (lossless, re-importable), CSV timeline or HTML report',
  usage: `warroom export --incident ID --format ${EXPORT_FORMATS.join('|')} [--out FILE] [--tz ZONE] [--bom]`,
  options: { incident: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, tz: { type: 'string' }, bom: { type: 'boolean' } },
  async run(ctx) {
    const format = checkOneOf('format', required(ctx.values, 'format').toLowerCase(), EXPORT_FORMATS, 'format');
    const zone = resolveTimeZone(optional(ctx.values, 'tz'));
    if (!zone.ok) throw new UsageError(zone.error);
    const out = optional(ctx.values, 'out');
    if (out !== undefined && out.trim() === '') throw new UsageError('--out needs a file name');
    const { warRoom, incident } = await openIncident(ctx, 'read');
    // --bom: CSV for Excel on Windows, which garbles non-ASCII names in a UTF-8 file without one.
    const text = await exportIncident(warRoom, incident, format, { tz: zone.value, bom: ctx.values.bom === true });
    if (out === undefined) {
      // ctx.out adds the final line break itself: stdout carries the same bytes --out would write.
      ctx.out(text.endsWith('\n') ? text.slice(0, -1) : text);
    } else {
      const path = resolve(out);
      await writeFileAtomic(path, text);
      ctx.err(`wrote ${path}`);
    }
    return 0;
  },
};
