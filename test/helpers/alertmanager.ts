import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ALERTMANAGER_BIN = '/usr/bin/prometheus-alertmanager';

/** A real Prometheus Alertmanager (Debian's prometheus-alertmanager) on 127.0.0.1, with a config the test wrote. */
export interface Alertmanager {
  url: string;
  /** Posts alerts through its API (POST /api/v2/alerts), as Prometheus would. */
  postAlerts(alerts: readonly AlertmanagerAlert[]): Promise<void>;
  log(): string;
  stop(): Promise<void>;
}

export interface AlertmanagerAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  generatorURL?: string;
}

export interface AlertmanagerReceiver {
  /** The hub's webhook, e.g. http://127.0.0.1:PORT/alerts/alertmanager */
  url: string;
  /** Sent as `Authorization: Bearer <secret>` (http_config.authorization). */
  bearer: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The config a team would write to send to War Room: one route grouping by alertname and team, the webhook
 * receiver with the hub's bearer secret. Short group timings so a test sees each notification within seconds.
 */
export function alertmanagerConfig(receiver: AlertmanagerReceiver): string {
  return `route:
  receiver: war-room
  group_by: ['alertname', 'team']
  group_wait: 1s
  group_interval: 2s
  repeat_interval: 4h
receivers:
  - name: war-room
    webhook_configs:
      - url: '${receiver.url}'
        send_resolved: true
        max_alerts: 0
        http_config:
          authorization:
            type: Bearer
            credentials: '${receiver.bearer}'
`;
}

/** Starts Alertmanager in its own process group (stopped with the whole group) and waits until it is ready. */
export async function startAlertmanager(receiver: AlertmanagerReceiver): Promise<Alertmanager> {
  if (!existsSync(ALERTMANAGER_BIN)) throw new Error(`${ALERTMANAGER_BIN} is missing: apt-get install -y prometheus-alertmanager`);
  const dir = await mkdtemp(join(tmpdir(), 'warroom-alertmanager-'));
  await writeFile(join(dir, 'alertmanager.yml'), alertmanagerConfig(receiver));
  const port = await freePort();
  const child: ChildProcess = spawn(
    ALERTMANAGER_BIN,
    [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=debug',
    ],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`alertmanager exited: ${output}`);
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`alertmanager did not get ready: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    log: () => output,
    stop,
    async postAlerts(alerts) {
      const r = await fetch(`${url}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alerts),
      });
      if (!r.ok) throw new Error(`alertmanager refused the alerts: ${r.status} ${await r.text()}`);
    },
  };
}
