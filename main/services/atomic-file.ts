import { link, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes a whole file or nothing: the text goes to a temporary file beside the target, is flushed to disk, and
 * only then renamed over it. A failed or interrupted export never leaves a half-written file under the real name.
 */
export async function writeFileAtomic(path: string, text: string | Uint8Array, mode?: number): Promise<void> {
  await writeChunksAtomic(path, [text], mode);
}

/**
 * writeFileAtomic for a document made piece by piece: each chunk is written (and awaited, so a slow disk holds
 * the producer back) before the next is asked for; only one chunk is ever in memory.
 */
export async function writeChunksAtomic(path: string, chunks: Iterable<string | Uint8Array>, mode = 0o666): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    // `mode` (0600 for a file holding secrets) is set as it is made, so no other reader ever sees it open.
    const fh = await open(tmp, 'wx', mode);
    try {
      // writeFile on a handle writes at the current position and loops until every byte is down.
      for (const chunk of chunks) if (chunk.length) await fh.writeFile(chunk);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

/**
 * Creates `path` with `text`, whole, readable by its owner only, unless it exists: written under a name of its
 * own, flushed, then linked into place. When two processes race to create it (a hub and `warroom invite`, an
 * app and a CLI call on first start) one link wins and the other sees 'exists': neither ever reads it half-written.
 */
export async function createFileOnce(path: string, text: string): Promise<'created' | 'exists'> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(text);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await link(tmp, path);
    return 'created';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
    throw e;
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}
