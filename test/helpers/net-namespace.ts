import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A second "machine": a network namespace joined to this one by its own veth pair on a private /30. Only
 * these two addresses talk over it; nothing leaves the namespaces the test made.
 */
export interface NetNamespace {
  name: string;
  /** This machine's end of the link (the hub side). */
  hostInterface: string;
  hostAddress: string;
  /** The other machine's address. */
  peerAddress: string;
  /** Runs a command inside the namespace. */
  exec(
    command: string,
    args: string[],
    options?: { env?: NodeJS.ProcessEnv; cwd?: string },
  ): Promise<{ stdout: string; stderr: string; code: number }>;
  remove(): Promise<void>;
}

export async function createNetNamespace(): Promise<NetNamespace> {
  const tag = `${process.pid % 10000}${randomInt(100, 999)}`;
  const name = `wr-ns-${tag}`;
  const hostInterface = `wrh${tag}`;
  const peerInterface = `wrp${tag}`;
  const net = `10.${randomInt(200, 250)}.${randomInt(0, 255)}`;
  const base = randomInt(0, 63) * 4;
  const hostAddress = `${net}.${base + 1}`;
  const peerAddress = `${net}.${base + 2}`;
  const ip = (...args: string[]) => run('ip', args);
  await ip('netns', 'add', name);
  try {
    await ip('link', 'add', hostInterface, 'type', 'veth', 'peer', 'name', peerInterface);
    await ip('link', 'set', peerInterface, 'netns', name);
    await ip('addr', 'add', `${hostAddress}/30`, 'dev', hostInterface);
    await ip('link', 'set', hostInterface, 'up');
    await ip('netns', 'exec', name, 'ip', 'addr', 'add', `${peerAddress}/30`, 'dev', peerInterface);
    await ip('netns', 'exec', name, 'ip', 'link', 'set', peerInterface, 'up');
    await ip('netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up');
  } catch (e) {
    await ip('netns', 'del', name).catch(() => undefined);
    await ip('link', 'del', hostInterface).catch(() => undefined);
    throw e;
  }
  return {
    name,
    hostInterface,
    hostAddress,
    peerAddress,
    async exec(command, args, options = {}) {
      try {
        const r = await run('ip', ['netns', 'exec', name, command, ...args], {
          env: options.env,
          cwd: options.cwd,
          maxBuffer: 8 * 1024 * 1024,
          timeout: 60_000,
        });
        return { stdout: r.stdout, stderr: r.stderr, code: 0 };
      } catch (e) {
        const err = e as { stdout?: string; stderr?: string; code?: number };
        return { stdout: err.stdout ?? '', stderr: err.stderr ?? '', code: typeof err.code === 'number' ? err.code : 1 };
      }
    },
    async remove() {
      // Deleting the namespace deletes its end of the veth pair, and with it ours.
      await ip('netns', 'del', name).catch(() => undefined);
      await ip('link', 'del', hostInterface).catch(() => undefined);
    },
  };
}
