import { execFile } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { startChild, type Child } from './child.js';

// Real Postgres and Redis servers for the tests and the bench (Debian's postgresql and redis-server, installed by
// .ci/run): on 127.0.0.1, a free port, their data in a temp dir, stopped by whoever started them.

const run = promisify(execFile);

/** A free TCP port on 127.0.0.1 (free when asked: the server started next binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Where Debian puts a Postgres major's programs (initdb and pg_ctl are not on PATH there). */
async function postgresBin(): Promise<string> {
  for (const dir of ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin']) {
    try {
      await run(join(dir, 'pg_ctl'), ['--version']);
      return dir;
    } catch {
      // not this one
    }
  }
  try {
    const { stdout } = await run('pg_config', ['--bindir']);
    return stdout.trim();
  } catch {
    throw new Error('Postgres is not installed: apt-get install postgresql (the cluster tests and bench start their own server)');
  }
}

/** initdb and pg_ctl refuse to run as root: as root they run as the `postgres` user the package made. */
async function asPostgres(bin: string, args: string[]): Promise<string> {
  const root = process.getuid?.() === 0;
  const { stdout } = root ? await run('runuser', ['-u', 'postgres', '--', bin, ...args]) : await run(bin, args);
  return stdout;
}

export interface PostgresServer {
  port: number;
  /** A URL for a fresh, empty database on this server (made now). */
  newDatabase(name?: string): Promise<string>;
  stop(): Promise<void>;
}

let databases = 0;

/** Starts a Postgres server of its own: initdb into a temp dir, pg_ctl start on 127.0.0.1:port. */
export async function startPostgres(options: { fsync?: boolean } = {}): Promise<PostgresServer> {
  const bin = await postgresBin();
  const dir = await mkdtemp(join(tmpdir(), 'warroom-pg-'));
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'data');
  await asPostgres(join(bin, 'initdb'), ['-D', data, '-U', 'warroom', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  const port = await freePort();
  // Tests kill hubs, not the database: its fsync is what a database server's own tests check. The bench keeps it.
  const fsync = options.fsync === false ? ' -c fsync=off -c full_page_writes=off' : '';
  const serverOptions = `-k ${dir} -p ${port} -h 127.0.0.1 -c max_connections=200${fsync}`;
  await asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-o', serverOptions, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'warroom', database: 'postgres' });
  await admin.connect();
  return {
    port,
    async newDatabase(name = `warroom_${process.pid}_${++databases}`) {
      await admin.query(`CREATE DATABASE ${name}`);
      return `postgres://warroom@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      await admin.end().catch(() => undefined);
      await asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface RedisServer {
  port: number;
  url: string;
  /** SIGKILL: what a crashed Redis looks like to its clients. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty: it keeps nothing on disk). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts redis-server on 127.0.0.1:port, keeping nothing on disk. */
export async function startRedis(): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'warroom-redis-'));
  const port = await freePort();
  let child: Child | null = null;
  const launch = async (): Promise<void> => {
    const c = startChild('redis-server', [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--daemonize',
      'no',
    ]);
    child = c;
    await c.waitFor(/Ready to accept connections/, 'redis-server to start', 20_000).catch(async (e: unknown) => {
      await kill();
      throw e;
    });
  };
  const kill = async (): Promise<void> => {
    const c = child;
    child = null;
    if (!c) return;
    c.signal('SIGKILL');
    await c.exited;
  };
  try {
    await launch();
  } catch (e) {
    throw new Error(`could not start redis-server (apt-get install redis-server): ${(e as Error).message}`);
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill,
    // A second restart while one runs would start a server that cannot bind and lose hold of the live one, which
    // would then outlive the test: restart starts one only when none runs.
    restart: async () => {
      if (child === null) await launch();
    },
    async stop() {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
