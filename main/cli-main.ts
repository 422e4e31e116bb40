import { runCli } from './cli.js';

// The process entry of `warroom`: wires runCli to the real stdio and exit code.

// A reader that stops early (`warroom export ... | head -1`) closes the pipe: that is the reader's choice, not
// a failure, so stop quietly as other command-line tools do, instead of a stack trace about EPIPE.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

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
