import { runCli } from '../../main/cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in-process and captures what it prints. */
export async function cli(args: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    stdin: async () => options.stdin ?? '',
    env: options.env ?? { USER: 'tester' },
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
