import { execFile, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, tempDir } from '../helpers/hub-peers.js';
import { ROOT, spawnHub, type HubProcess } from '../helpers/hub-process.js';
import { missingTool } from '../helpers/system-tool.js';

const run = promisify(execFile);

// What the deployment files promise, checked without Docker or a systemd init (neither runs here): the image's
// health check against real hubs with and without TLS, the build context it is made from, and the systemd
// unit's sandbox as systemd itself scores it.

/** Runs the image's health check script with the environment the container would have. */
function healthcheck(env: NodeJS.ProcessEnv): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'packaging/docker/healthcheck.cjs')], {
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
  });
  return { code: r.status, stderr: r.stderr };
}

const hubs: HubProcess[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((h) => h.stop('SIGKILL')));
  await cleanupTempDirs();
});

describe('the Docker image', () => {
  it('its HEALTHCHECK asks /healthz over https of a TLS hub and over http of a plain one, and fails when nobody answers', async () => {
    const tls = await spawnHub(['--port', '0', '--data-dir', await tempDir('warroom-docker-')], 15_000, { WARROOM_HUB_SELF_SIGNED: '1' });
    hubs.push(tls);
    expect(tls.url).toMatch(/^https:/);
    const plain = await spawnHub(['--port', '0', '--data-dir', await tempDir('warroom-docker-')]);
    hubs.push(plain);
    // As the image sets them: the hub on every interface, its port, and TLS from the environment.
    const container = (hub: HubProcess) => ({ WARROOM_HUB_HOST: '0.0.0.0', WARROOM_HUB_PORT: String(hub.port) });
    expect(healthcheck({ ...container(tls), WARROOM_HUB_SELF_SIGNED: '1' })).toEqual({ code: 0, stderr: '' });
    expect(healthcheck(container(plain))).toEqual({ code: 0, stderr: '' });
    // http to a TLS hub is not an answer (the old HEALTHCHECK's mistake).
    expect(healthcheck(container(tls)).code).toBe(1);
    await plain.stop('SIGTERM');
    const down = healthcheck(container(plain));
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^healthcheck: http:\/\/127\.0\.0\.1:\d+\/healthz: connect ECONNREFUSED/);

    const dockerfile = await readFile(join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^HEALTHCHECK .* CMD \["node", "\/opt\/war-room\/healthcheck\.cjs"\]$/m);
    expect(dockerfile).toMatch(/^COPY packaging\/docker\/healthcheck\.cjs \/opt\/war-room\/healthcheck\.cjs$/m);
  });

  it("is built from the bundle's sources only: the context leaves tests, docs and benches out, and the build installs no dev tooling", async () => {
    const dockerfile = await readFile(join(ROOT, 'Dockerfile'), 'utf8');
    const allowed = (await readFile(join(ROOT, '.dockerignore'), 'utf8'))
      .split('\n')
      .filter((l) => l.startsWith('!'))
      .map((l) => l.slice(1));
    expect((await readFile(join(ROOT, '.dockerignore'), 'utf8')).split('\n')).toContain('*');
    const inContext = (path: string) => allowed.some((a) => path === a || (a.endsWith('/') && path.startsWith(a)));
    for (const path of [
      'test/integration/cli.test.ts',
      'docs/ARCHITECTURE.md',
      'bench/run.ts',
      'README.md',
      'node_modules/zod/package.json',
      '.git/HEAD',
    ])
      expect(inContext(path), path).toBe(false);
    // Every COPY from the context names something there and in it.
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1]!.split(' '));
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) {
      expect(existsSync(join(ROOT, source)), source).toBe(true);
      expect(inContext(statSync(join(ROOT, source)).isDirectory() ? `${source.replace(/\/$/, '')}/` : source), source).toBe(true);
    }
    // The build stage's installs: production dependencies, then esbuild and pino alone, at their locked versions.
    const installs = [...dockerfile.matchAll(/npm (ci|install)[^\n\\]*/g)].map((m) => m[0]);
    expect(installs[0]).toMatch(/^npm ci --omit=dev /);
    expect(installs.slice(1).every((i) => i.startsWith('npm install --no-save'))).toBe(true);
    expect(dockerfile).toContain(`require('./package-lock.json').packages['node_modules/esbuild'].version`);
  });
});

describe('the systemd unit', () => {
  it.skipIf(missingTool('systemd-analyze'))('scores 2.0 or better in `systemd-analyze security`', async () => {
    const unit = join(ROOT, 'deploy/war-room-hub.service');
    const { stdout } = await run('systemd-analyze', ['security', '--offline=yes', '--no-pager', unit]);
    const score = Number(/Overall exposure level for war-room-hub\.service: (\d+\.\d+)/.exec(stdout)?.[1]);
    expect(score).toBeLessThanOrEqual(2.0);
    const text = await readFile(unit, 'utf8');
    expect(text).toMatch(/^ExecStart=\/usr\/bin\/env warroom hub$/m);
    expect(text).toMatch(/^DynamicUser=yes$/m);
  });
});
