import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes a whole file or nothing: the text goes to a temporary file beside the target, is flushed to disk, and
 * only then renamed over it. A failed or interrupted export never leaves a half-written file under the real name.
 */
export async function writeFileAtomic(path: string, text: string | Uint8Array): Promise<void> {
  await writeChunksAtomic(path, [text]);
}

/**
 * writeFileAtomic for a document made piece by piece: each chunk is written (and awaited, so a slow disk holds
 * the producer back) before the next is asked for; only one chunk is ever in memory.
 */
export async function writeChunksAtomic(path: string, chunks: Iterable<string | Uint8Array>): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fh = await open(tmp, 'wx');
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
