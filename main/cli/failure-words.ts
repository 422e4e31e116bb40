import { basename, dirname, join } from 'node:path';

/** What the system's error codes mean, for a person reading one line. */
const CODE_WORDS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EEXIST: 'it already exists',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'it is a symbolic link (or a loop of them)',
  EIO: 'the disk reported an input/output error',
  EBUSY: 'it is busy',
  ECONNREFUSED: 'nothing is listening there',
  ETIMEDOUT: 'it did not answer in time',
  ENOTFOUND: 'that host name does not resolve',
  EADDRINUSE: 'the port is already in use',
};

/** writeChunksAtomic's temporary name (".report.md.1234-9f8e7d6c.tmp") is the target's business, not the reader's. */
function realPath(path: string): string {
  const m = /^\.(.+)\.\d+-[0-9a-f]{8}\.tmp$/.exec(basename(path));
  return m ? join(dirname(path), m[1]!) : path;
}

/**
 * One line saying what went wrong. A system error (code, syscall, path) becomes "cannot write FILE: the
 * disk is full" rather than "ENOSPC: no space left on device, write '/x/.FILE.123-ab.tmp'".
 */
export function describeFailure(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const words = systemWords(e);
  if (words && typeof err.syscall === 'string') {
    const path = typeof err.path === 'string' ? ` ${realPath(err.path)}` : '';
    return `cannot ${verbOf(err.syscall)}${path}: ${words}`;
  }
  return failureWords(e);
}

/** Only the reason, for a caller that names the file itself: "no such file or directory". */
export function failureWords(e: unknown): string {
  return systemWords(e) ?? firstLine(e instanceof Error ? e.message : String(e));
}

function systemWords(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? CODE_WORDS[code] : undefined;
}

function verbOf(syscall: string): string {
  if (syscall === 'open') return 'open';
  if (['read', 'readdir', 'stat', 'lstat', 'access', 'scandir'].includes(syscall)) return 'read';
  if (['write', 'fsync', 'rename', 'unlink', 'mkdir', 'truncate', 'ftruncate', 'chmod', 'copyfile'].includes(syscall)) return 'write';
  if (syscall === 'connect' || syscall === 'getaddrinfo') return 'connect to';
  if (syscall === 'listen') return 'listen on';
  return syscall;
}

const firstLine = (s: string): string => s.split('\n')[0]!.trim();
