import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Every entry under `root` with its type, mode and content hash: equal snapshots mean nothing was written. */
export async function snapshot(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (dir: string): Promise<void> => {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    for (const name of names.sort()) {
      const path = join(dir, name);
      const st = await lstat(path);
      const mode = (st.mode & 0o777).toString(8);
      if (st.isDirectory()) {
        out[relative(root, path)] = `dir ${mode}`;
        await walk(path);
      } else if (st.isSymbolicLink()) out[relative(root, path)] = `link -> ${await readlink(path)}`;
      else
        out[relative(root, path)] = `file ${mode} ${createHash('sha256')
          .update(await readFile(path))
          .digest('hex')}`;
    }
  };
  await walk(root);
  return out;
}
