import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { INSTALLED_WARROOM } from './run-cli.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The command line that starts `warroom` (run from ROOT): the installed command when the suite runs against one, else the source through tsx. */
export function warroomArgv(): string[] {
  return INSTALLED_WARROOM ? [INSTALLED_WARROOM] : [process.execPath, '--import', 'tsx', 'main/cli-main.ts'];
}

function spawnWarroomProcess(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const [command, ...prefix] = warroomArgv();
  return spawn(command!, [...prefix, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WARROOM_DATA_DIR: '', ...env },
  });
}

export interface HubProcess {
  child: ChildProcess;
  url: string;
  port: number;
  /** Everything the hub wrote on stderr so far (for failure messages). */
  stderr(): string;
  /** Sends a signal and resolves with the exit code (null when killed by the signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs `warroom hub` as a real child process (so a test can SIGKILL it) and waits for its URL line. */
export function spawnHub(args: string[], timeoutMs = 25_000, env: NodeJS.ProcessEnv = {}): Promise<HubProcess> {
  const child = spawnWarroomProcess(['hub', ...args], env);
  let err = '';
  let out = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hub did not start within ${timeoutMs} ms: ${err}`));
    }, timeoutMs);
    const onEarlyExit = (code: number | null): void => {
      clearTimeout(timer);
      reject(new Error(`hub exited with ${code} before listening: ${err}`));
    };
    child.once('exit', onEarlyExit);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /War Room hub listening on (https?:\/\/127\.0\.0\.1:(\d+))/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.off('exit', onEarlyExit);
      resolve({
        child,
        url: m[1]!,
        port: Number(m[2]),
        stderr: () => err,
        stop(signal = 'SIGTERM') {
          if (child.exitCode !== null || child.signalCode !== null) return exited;
          child.kill(signal);
          return exited;
        },
      });
    });
  });
}

export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

/** Runs any `warroom` command as a child process (for the long-running ones: `sync` without --once). */
export function spawnWarroom(args: string[]): CliProcess {
  const child = spawnWarroomProcess(args);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}
