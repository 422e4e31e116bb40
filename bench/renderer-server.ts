import { spawnSync } from 'node:child_process';
import { readFile, readdir, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

const BUILT = 'dist/renderer';
/** What the renderer bundle is built from: a change here makes dist/renderer stale. */
const SOURCES = ['renderer', 'src', 'vite.config.ts'];

async function newestMtime(path: string): Promise<number> {
  const s = await stat(path).catch(() => null);
  if (!s) return 0;
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const entry of await readdir(path)) newest = Math.max(newest, await newestMtime(join(path, entry)));
  return newest;
}

/** Builds the renderer when dist/renderer is missing or older than its sources, so the bench measures the code as it is. */
export async function ensureRendererBuilt(log: (line: string) => void): Promise<void> {
  const built = (await stat(join(BUILT, 'index.html')).catch(() => null))?.mtimeMs ?? 0;
  const sources = Math.max(...(await Promise.all(SOURCES.map(newestMtime))));
  if (built >= sources) return;
  log(built ? 'dist/renderer is older than its sources: rebuilding' : 'dist/renderer is missing: building');
  // Build output goes to stderr: stdout carries the table.
  const r = spawnSync(process.execPath, ['scripts/build.mjs', 'renderer'], { stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new Error(`node scripts/build.mjs renderer failed (exit ${r.status ?? r.signal})`);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** Serves the built renderer on 127.0.0.1, on a free port, the way `vite preview` does for the e2e tests. */
export async function serveRenderer(dir = BUILT): Promise<{ url: string; close(): Promise<void> }> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
