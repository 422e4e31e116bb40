import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAlertConfig } from '../../hub/alerts/alert-config.js';
import { checkHubUrl } from '../../../src/sync/join-link.js';
import { displayFingerprint } from '../../../src/sync/fingerprint.js';
import { loadOrCreateCertificate } from '../../hub/hub-certificate.js';
import { createHubLog, LOG_FORMATS, LOG_LEVELS, type HubLog, type LogFormat, type LogLevel } from '../../hub/hub-log.js';
import { DEFAULT_HUB_PORT, startHub } from '../../hub/hub-server.js';
import { hubUrlAt, isAnyHost, isLoopbackHost, reachableAddresses } from '../../hub/reachable-addresses.js';
import { VERSION } from '../../version.js';
import { checkOneOf } from '../args.js';
import { optional, UsageError, type CliContext, type Command, type Values } from '../command.js';
import { failureWords } from '../failure-words.js';
import { hubDataDir } from '../hub-data-dir.js';
import { untilSignal } from '../until-signal.js';
import { checkClusterSettings, redactUrl, type ClusterSettings } from '../../hub/cluster/cluster-settings.js';

/** Every setting from its flag, else its environment variable (containers and systemd set those), else the default. */
export const HUB_ENV = {
  port: 'WARROOM_HUB_PORT',
  host: 'WARROOM_HUB_HOST',
  'tls-cert': 'WARROOM_HUB_TLS_CERT',
  'tls-key': 'WARROOM_HUB_TLS_KEY',
  'public-url': 'WARROOM_HUB_PUBLIC_URL',
  'log-format': 'WARROOM_LOG_FORMAT',
  'log-level': 'WARROOM_LOG_LEVEL',
  'drain-seconds': 'WARROOM_HUB_DRAIN_SECONDS',
  'self-signed': 'WARROOM_HUB_SELF_SIGNED',
  alerts: 'WARROOM_HUB_ALERTS',
  'web-view': 'WARROOM_HUB_WEB_VIEW',
  storage: 'WARROOM_HUB_STORAGE',
  redis: 'WARROOM_HUB_REDIS',
} as const;

function setting(values: Values, env: NodeJS.ProcessEnv, name: keyof typeof HUB_ENV): string | undefined {
  const flag = optional(values, name);
  if (flag !== undefined) return flag;
  const fromEnv = env[HUB_ENV[name]];
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}

interface HubSettings {
  port: number;
  host: string;
  certFile?: string;
  keyFile?: string;
  selfSigned: boolean;
  publicUrl?: string;
  format: LogFormat;
  level: LogLevel;
  graceMs: number;
  cluster: ClusterSettings | null;
}

/** Reads and checks every setting before anything is opened: a wrong one is a usage error that writes nothing. */
function hubSettings(ctx: CliContext): HubSettings {
  const portText = setting(ctx.values, ctx.env, 'port') ?? String(DEFAULT_HUB_PORT);
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${portText}"`);
  const certFile = setting(ctx.values, ctx.env, 'tls-cert');
  const keyFile = setting(ctx.values, ctx.env, 'tls-key');
  if ((certFile === undefined) !== (keyFile === undefined)) throw new UsageError('--tls-cert and --tls-key go together');
  const format = checkOneOf('log-format', setting(ctx.values, ctx.env, 'log-format') ?? 'text', LOG_FORMATS);
  const level = checkOneOf('log-level', setting(ctx.values, ctx.env, 'log-level') ?? 'info', LOG_LEVELS);
  const publicText = setting(ctx.values, ctx.env, 'public-url');
  const publicUrl = publicText === undefined ? undefined : checkHubUrl(publicText);
  if (publicUrl && !publicUrl.ok) throw new UsageError(`--public-url: ${publicUrl.error}`);
  const graceText = setting(ctx.values, ctx.env, 'drain-seconds') ?? '0';
  if (!/^\d{1,3}$/.test(graceText)) throw new UsageError(`--drain-seconds must be a whole number of seconds, not "${graceText}"`);
  const selfSigned = ctx.values['self-signed'] === true || ['1', 'true', 'yes'].includes(ctx.env[HUB_ENV['self-signed']] ?? '');
  if (selfSigned && certFile) throw new UsageError('--self-signed makes its own certificate: leave out --tls-cert/--tls-key');
  const host = setting(ctx.values, ctx.env, 'host') ?? '127.0.0.1';
  return {
    port,
    host,
    certFile,
    keyFile,
    selfSigned,
    publicUrl: publicUrl?.value,
    format,
    level,
    graceMs: Number(graceText) * 1000,
    cluster: clusterSettings(ctx),
  };
}

export const hubCommand: Command = {
  name: 'hub',
  summary: 'run a sync hub for teammates (each incident is a room); stops on Ctrl-C or SIGTERM',
  usage: `warroom hub [--port ${DEFAULT_HUB_PORT}] [--host 127.0.0.1|0.0.0.0] [--tls-cert FILE --tls-key FILE | --self-signed] [--public-url URL] [--alerts FILE] [--web-view DIR] [--storage postgres://... [--redis redis://...]]`,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'self-signed': { type: 'boolean' },
    'public-url': { type: 'string' },
    'log-format': { type: 'string' },
    'log-level': { type: 'string' },
    'drain-seconds': { type: 'string' },
    alerts: { type: 'string' },
    'web-view': { type: 'string' },
    storage: { type: 'string' },
    redis: { type: 'string' },
  },
  optionHelp: {
    port: `the port to listen on; 0 picks a free one (default ${DEFAULT_HUB_PORT}; ${HUB_ENV.port})`,
    host: `the address to listen on: 0.0.0.0 for every interface (default 127.0.0.1, this machine only; ${HUB_ENV.host})`,
    'tls-cert': `PEM certificate: serve https/wss (${HUB_ENV['tls-cert']})`,
    'tls-key': `PEM private key for --tls-cert (${HUB_ENV['tls-key']})`,
    'self-signed': `make (once) and serve a self-signed certificate; invite links pin it (${HUB_ENV['self-signed']}=1)`,
    'public-url': `the address teammates use, when the hub sits behind a proxy or NAT (${HUB_ENV['public-url']})`,
    'log-format': `text for a terminal, json (one pino record per line) for journald, Docker, log shippers (${HUB_ENV['log-format']})`,
    'log-level': `the least serious records written: ${LOG_LEVELS.join(', ')} (default info; ${HUB_ENV['log-level']})`,
    alerts: `a JSON file of alert sources (Alertmanager, generic webhook; each with its own secret) and routing rules: docs/ALERTS.md (${HUB_ENV.alerts})`,
    'web-view': `the built browser view to serve at /view/ for viewer links (default: the one beside this program; ${HUB_ENV['web-view']})`,
    'drain-seconds': `on SIGTERM, seconds of /readyz 503 before the listener closes, for load balancers (default 0; ${HUB_ENV['drain-seconds']})`,
    storage: `file (default: rooms in the data dir) or postgres://...: several hubs share one database (${HUB_ENV.storage})`,
    redis: `redis://...: live fan-out and presence between the hubs that share --storage (${HUB_ENV.redis})`,
    'data-dir': "the hub's own data: its secret, certificate and rooms (default <app data>/hub; WARROOM_HUB_DATA_DIR)",
  },
  choices: { 'log-format': LOG_FORMATS, 'log-level': LOG_LEVELS },
  examples: [
    'warroom hub --host 0.0.0.0 --self-signed',
    'WARROOM_HUB_HOST=0.0.0.0 WARROOM_HUB_PUBLIC_URL=https://hub.example.com WARROOM_LOG_FORMAT=json warroom hub',
  ],
  async run(ctx) {
    const s = hubSettings(ctx);
    const dataDir = hubDataDir(ctx);
    // Everything the hub writes (logs with customer names and contacts, its secret) is for its owner only.
    process.umask(0o077);
    const tls =
      s.certFile && s.keyFile ? { cert: await readPem(s.certFile, 'certificate'), key: await readPem(s.keyFile, 'key') } : undefined;
    const made = s.selfSigned ? await loadOrCreateCertificate(dataDir) : null;
    const log = createHubLog({ format: s.format, level: s.level, write: (line) => ctx.err(line) });
    const alertsFile = setting(ctx.values, ctx.env, 'alerts');
    const alerts = alertsFile === undefined ? undefined : await loadAlertConfig(alertsFile);
    const webViewDir = setting(ctx.values, ctx.env, 'web-view') ?? builtWebView();
    const hub = await startHub({
      dataDir,
      host: s.host,
      port: s.port,
      tls: tls ?? made ?? undefined,
      processMetrics: true,
      log,
      readinessGraceMs: s.graceMs,
      ...(alerts ? { alerts } : {}),
      ...(webViewDir ? { webViewDir } : {}),
      ...(s.cluster ? { cluster: s.cluster } : {}),
    });
    const signal = untilSignal();
    const secure = tls !== undefined || made !== null;
    const reachable = s.publicUrl ?? reachableUrl(s.host, hub.port, secure) ?? hub.url;
    ctx.out(`War Room hub listening on ${hub.url}`);
    if (reachable !== hub.url) ctx.out(`Teammates reach it at ${reachable}`);
    log('info', 'listening', { url: hub.url, reachable, dataDir, version: VERSION, tls: secure, ...clusterWhere(s.cluster) });
    if (alerts)
      log(
        'info',
        `alerts: ${Object.keys(alerts.sources)
          .map((name) => `${reachable}/alerts/${name}`)
          .join(', ')} (${alerts.rules.length} rules)`,
      );
    if (webViewDir) log('info', `browser view for viewer links: ${reachable}/view/#<viewer token>`);
    if (made) log('info', `self-signed certificate, SHA-256 ${displayFingerprint(made.fingerprint)}: invite links pin it`);
    log(
      'info',
      `invite a teammate with: warroom invite ${s.cluster ? '--storage URL' : `--data-dir ${dataDir}`} --incident ID --role editor --hub-url ${reachable} --link`,
    );
    warnIfClear(log, s, secure);
    try {
      const got = await signal.done;
      log('info', `${got}: draining (/readyz 503, no new peers; answering what was asked)`);
    } finally {
      signal.dispose();
      await hub.close();
    }
    log('info', 'stopped');
    return 0;
  },
};

/** --storage and --redis: several hubs on one Postgres (and Redis), or null for a hub of its own. */
function clusterSettings(ctx: CliContext): ClusterSettings | null {
  const storage = setting(ctx.values, ctx.env, 'storage');
  const redis = setting(ctx.values, ctx.env, 'redis');
  if (storage === undefined || storage === 'file') {
    if (redis !== undefined) throw new UsageError('--redis joins hubs that share a database: give --storage postgres://... too');
    return null;
  }
  const settings: ClusterSettings = { storage, ...(redis !== undefined ? { redis } : {}) };
  const problem = checkClusterSettings(settings);
  if (problem) throw new UsageError(problem);
  return settings;
}

/** Where the rooms live, for the log (passwords left out). */
function clusterWhere(cluster: ClusterSettings | null): Record<string, string> {
  if (!cluster) return {};
  return { storage: redactUrl(cluster.storage), ...(cluster.redis ? { redis: redactUrl(cluster.redis) } : {}) };
}

function warnIfClear(log: HubLog, s: HubSettings, secure: boolean): void {
  if (isLoopbackHost(s.host) || secure || s.publicUrl?.startsWith('https:')) return;
  log(
    'warn',
    'reachable from other machines without TLS: invite tokens travel in clear (use --tls-cert/--tls-key, or a TLS proxy with --public-url https://...)',
  );
}

/** On all interfaces, the first address another machine can use; else the host as given. */
function reachableUrl(host: string, port: number, tls: boolean): string | null {
  if (!isAnyHost(host)) return null;
  const first = reachableAddresses()[0];
  return first ? hubUrlAt(first.address, port, tls) : null;
}

/** The web view built beside this code (a clone after npm run build, or the app's resources), if there is one. */
function builtWebView(): string | undefined {
  for (const candidate of ['../../../dist/web-view', '../../web-view', '../web-view', 'web-view']) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return undefined;
}

async function readPem(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the TLS ${what} ${file}: ${failureWords(e)}`);
  }
}
