import { spawn } from 'node:child_process';
import { runCli } from '../../main/cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The `warroom` under test. Unset: the source, run in this process (fast, and what `npm test` checks first).
 * Set (scripts/test-installed-cli.mjs does, in CI): an installed command, e.g. the packed npm tarball installed
 * into a temp prefix, so the same tests prove the form users install.
 */
export const INSTALLED_WARROOM = process.env.WARROOM_TEST_BIN || undefined;

/** Runs the CLI and captures what it prints: in-process from source, or the installed command as a child process. */
export async function cli(args: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  const env = options.env ?? { USER: 'tester' };
  if (INSTALLED_WARROOM) return spawnCli(INSTALLED_WARROOM, args, options.stdin ?? '', env);
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    stdin: async () => options.stdin ?? '',
    env,
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/**
 * The same call as a process. The environment is what the test gave, plus PATH (the command's `env node`
 * needs it) and, unless given, a HOME that does not exist, so a test that forgot --data-dir fails instead of
 * writing into the real home. Output loses its last newline, as the in-process lines have none.
 */
function spawnCli(command: string, args: string[], stdin: string, env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { PATH: process.env.PATH, HOME: '/nonexistent/warroom-test-home', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === null) return reject(new Error(`warroom ${args[0]} was killed by ${signal}; stderr: ${stderr}`));
      resolve({ code, stdout: stdout.replace(/\n$/, ''), stderr: stderr.replace(/\n$/, '') });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin);
  });
}
