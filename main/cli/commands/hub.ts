import { readFile } from 'node:fs/promises';
import { DEFAULT_HUB_PORT, startHub } from '../../hub/hub-server.js';
import { optional, UsageError, type Command } from '../command.js';
import { hubDataDir, untilSignal } from '../hub-session.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export const hubCommand: Command = {
  name: 'hub',
  summary: 'run a sync hub for teammates (each incident is a room); stops on Ctrl-C',
  usage: `warroom hub [--port ${DEFAULT_HUB_PORT}] [--host 127.0.0.1] [--tls-cert FILE --tls-key FILE] (data: --data-dir, default <app data>/hub)`,
  options: { port: { type: 'string' }, host: { type: 'string' }, 'tls-cert': { type: 'string' }, 'tls-key': { type: 'string' } },
  async run(ctx) {
    const portText = optional(ctx.values, 'port') ?? String(DEFAULT_HUB_PORT);
    const port = Number(portText);
    if (!/^\d{1,5}$/.test(portText) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${portText}"`);
    const host = optional(ctx.values, 'host') ?? '127.0.0.1';
    const certFile = optional(ctx.values, 'tls-cert');
    const keyFile = optional(ctx.values, 'tls-key');
    if ((certFile === undefined) !== (keyFile === undefined)) throw new UsageError('--tls-cert and --tls-key go together');
    const tls = certFile && keyFile ? { cert: await readPem(certFile, 'certificate'), key: await readPem(keyFile, 'key') } : undefined;
    const dataDir = hubDataDir(ctx);

    const hub = await startHub({ dataDir, host, port, tls, log: (line) => ctx.err(`hub: ${line}`) });
    const signal = untilSignal();
    ctx.out(`War Room hub listening on ${hub.url}`);
    ctx.err(`hub: data in ${dataDir}; invite a teammate with: warroom invite --data-dir ${dataDir} --incident ID --role editor --hub-url ${hub.url} --link`);
    if (!LOOPBACK.has(host) && !tls) ctx.err('hub: warning: reachable from other machines without TLS; invite tokens travel in clear (use --tls-cert/--tls-key)');
    try {
      const got = await signal.done;
      ctx.err(`hub: ${got}, stopping`);
    } finally {
      signal.dispose();
      await hub.close();
    }
    ctx.err('hub: stopped');
    return 0;
  },
};

async function readPem(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the TLS ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}
