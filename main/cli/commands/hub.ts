import { readFile } from 'node:fs/promises';
import { checkHubUrl } from '../../../src/sync/join-link.js';
import { displayFingerprint } from '../../../src/sync/fingerprint.js';
import { loadOrCreateCertificate } from '../../hub/hub-certificate.js';
import { createLogWriter, levelOfHubLine, LOG_FORMATS, type LogFormat } from '../../hub/hub-log.js';
import { DEFAULT_HUB_PORT, startHub } from '../../hub/hub-server.js';
import { hubUrlAt, isAnyHost, isLoopbackHost, reachableAddresses } from '../../hub/reachable-addresses.js';
import { optional, UsageError, type Command, type Values } from '../command.js';
import { checkClusterSettings, redactUrl, type ClusterSettings } from '../../hub/cluster/cluster-settings.js';
import { hubDataDir } from '../hub-data-dir.js';
import { untilSignal } from '../until-signal.js';

/** Every setting from its flag, else its environment variable (containers and systemd set those), else the default. */
export const HUB_ENV = {
  port: 'WARROOM_HUB_PORT',
  host: 'WARROOM_HUB_HOST',
  'tls-cert': 'WARROOM_HUB_TLS_CERT',
  'tls-key': 'WARROOM_HUB_TLS_KEY',
  'public-url': 'WARROOM_HUB_PUBLIC_URL',
  'log-format': 'WARROOM_LOG_FORMAT',
  'self-signed': 'WARROOM_HUB_SELF_SIGNED',
  storage: 'WARROOM_HUB_STORAGE',
  redis: 'WARROOM_HUB_REDIS',
} as const;

function setting(values: Values, env: NodeJS.ProcessEnv, name: keyof typeof HUB_ENV): string | undefined {
  const flag = optional(values, name);
  if (flag !== undefined) return flag;
  const fromEnv = env[HUB_ENV[name]];
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}

export const hubCommand: Command = {
  name: 'hub',
  summary: 'run a sync hub for teammates (each incident is a room); stops on Ctrl-C or SIGTERM',
  usage: `warroom hub [--port ${DEFAULT_HUB_PORT}] [--host 127.0.0.1|0.0.0.0] [--tls-cert FILE --tls-key FILE | --self-signed] [--public-url URL] [--log-format text|json] [--storage postgres://... [--redis redis://...]] (data: --data-dir, default <app data>/hub; each flag also from ${Object.values(HUB_ENV).join(', ')}, WARROOM_HUB_DATA_DIR)`,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'public-url': { type: 'string' },
    'log-format': { type: 'string' },
    'self-signed': { type: 'boolean' },
    storage: { type: 'string' },
    redis: { type: 'string' },
  },
  async run(ctx) {
    const portText = setting(ctx.values, ctx.env, 'port') ?? String(DEFAULT_HUB_PORT);
    const port = Number(portText);
    if (!/^\d{1,5}$/.test(portText) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${portText}"`);
    const host = setting(ctx.values, ctx.env, 'host') ?? '127.0.0.1';
    const certFile = setting(ctx.values, ctx.env, 'tls-cert');
    const keyFile = setting(ctx.values, ctx.env, 'tls-key');
    if ((certFile === undefined) !== (keyFile === undefined)) throw new UsageError('--tls-cert and --tls-key go together');
    const format = setting(ctx.values, ctx.env, 'log-format') ?? 'text';
    if (!(LOG_FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--log-format must be ${LOG_FORMATS.join(' or ')}, not "${format}"`);
    const publicText = setting(ctx.values, ctx.env, 'public-url');
    const publicUrl = publicText === undefined ? undefined : checkHubUrl(publicText);
    if (publicUrl && !publicUrl.ok) throw new UsageError(`--public-url: ${publicUrl.error}`);
    const selfSigned = ctx.values['self-signed'] === true || ['1', 'true', 'yes'].includes(ctx.env[HUB_ENV['self-signed']] ?? '');
    if (selfSigned && certFile) throw new UsageError('--self-signed makes its own certificate: leave out --tls-cert/--tls-key');
    const cluster = clusterSettings(setting(ctx.values, ctx.env, 'storage'), setting(ctx.values, ctx.env, 'redis'));
    const dataDir = hubDataDir(ctx);
    // Everything the hub writes (logs with customer names and contacts, its secret) is for its owner only.
    process.umask(0o077);
    const made = selfSigned ? await loadOrCreateCertificate(dataDir) : null;
    const tls =
      certFile && keyFile ? { cert: await readPem(certFile, 'certificate'), key: await readPem(keyFile, 'key') } : (made ?? undefined);

    const write = createLogWriter(format as LogFormat, (line) => ctx.err(line), { source: 'hub' });
    const log = (line: string): void => write(levelOfHubLine(line), line);
    const hub = await startHub({ dataDir, host, port, tls, processMetrics: true, log, ...(cluster ? { cluster } : {}) });
    const signal = untilSignal();
    const reachable = publicUrl?.ok ? publicUrl.value : (reachableUrl(host, hub.port, tls !== undefined) ?? hub.url);
    ctx.out(`War Room hub listening on ${hub.url}`);
    if (reachable !== hub.url) ctx.out(`Teammates reach it at ${reachable}`);
    const where = cluster
      ? `rooms in ${redactUrl(cluster.storage)}${cluster.redis ? `, live fan-out through ${redactUrl(cluster.redis)}` : ''}`
      : `data in ${dataDir}`;
    write('info', `${where}; health at ${hub.url}/healthz, metrics at ${hub.url}/metrics`);
    if (made) write('info', `self-signed certificate, SHA-256 ${displayFingerprint(made.fingerprint)}: invite links pin it`);
    write('info', `invite a teammate with: warroom invite --data-dir ${dataDir} --incident ID --role editor --hub-url ${reachable} --link`);
    if (!isLoopbackHost(host) && !tls && !publicUrl?.value.startsWith('https:')) {
      write(
        'warn',
        'reachable from other machines without TLS: invite tokens travel in clear (use --tls-cert/--tls-key, or a TLS proxy with --public-url https://...)',
      );
    }
    try {
      const got = await signal.done;
      write('info', `${got}: stopping (no new peers; answering what was asked)`);
    } finally {
      signal.dispose();
      await hub.close();
    }
    write('info', 'stopped');
    return 0;
  },
};

/** --storage and --redis: several hubs on one Postgres (and Redis), or null for a hub of its own. */
function clusterSettings(storage: string | undefined, redis: string | undefined): ClusterSettings | null {
  if (storage === undefined || storage === 'file') {
    if (redis !== undefined) throw new UsageError('--redis joins hubs that share a database: give --storage postgres://... too');
    return null;
  }
  const settings: ClusterSettings = { storage, ...(redis !== undefined ? { redis } : {}) };
  const problem = checkClusterSettings(settings);
  if (problem) throw new UsageError(problem);
  return settings;
}

/** On all interfaces, the first address another machine can use; else the host as given. */
function reachableUrl(host: string, port: number, tls: boolean): string | null {
  if (!isAnyHost(host)) return null;
  const first = reachableAddresses()[0];
  return first ? hubUrlAt(first.address, port, tls) : null;
}

async function readPem(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the TLS ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}
