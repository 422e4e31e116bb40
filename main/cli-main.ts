import { runCli } from './cli.js';

// The process entry of `warroom`: wires runCli to the real stdio and exit code.
const readStdin = async (): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(line + '\n'),
  write: (text) => new Promise<void>((resolve) => (process.stdout.write(text) ? resolve() : process.stdout.once('drain', resolve))),
  err: (line) => process.stderr.write(line + '\n'),
  stdin: readStdin,
  env: process.env,
});
process.exitCode = code;
