import { spawn, type ChildProcess } from 'node:child_process';

export interface Child {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first match of `re` in stdout+stderr; rejects on exit or after `timeoutMs`. */
  waitFor(re: RegExp, what: string, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Signals the whole process group (a child's own children too). */
  signal(sig: NodeJS.Signals): void;
}

/** Starts a real process in its own process group (so a test can stop everything it started). */
export function startChild(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Child {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (d: Buffer) => ((out += d.toString()), listeners.forEach((l) => l())));
  child.stderr!.on('data', (d: Buffer) => ((err += d.toString()), listeners.forEach((l) => l())));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let gone = false;
  void exited.then(() => (gone = true));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(re, what, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const m = re.exec(out + '\n' + err);
          if (m) {
            done();
            resolve(m);
          }
        };
        const timer = setTimeout(
          () => (done(), reject(new Error(`timed out waiting for ${what}; stdout: ${out}; stderr: ${err}`))),
          timeoutMs,
        );
        const onExit = (): void => (done(), reject(new Error(`exited before ${what}; stdout: ${out}; stderr: ${err}`)));
        const done = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', onExit);
        };
        listeners.add(check);
        child.once('exit', onExit);
        check();
      });
    },
    signal(sig) {
      if (gone || child.pid === undefined) return;
      try {
        process.kill(-child.pid, sig);
      } catch {
        // Already gone.
      }
    },
  };
}
