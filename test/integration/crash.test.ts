import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { incidentsDir } from '../../main/services/data-dir.js';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { cli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('a process killed with SIGKILL while appending', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  beforeEach(async () => (dir = await tempDir()));
  afterEach(() => dir.cleanup());

  it('loses no append it had reported done, and the log opens afterwards', async () => {
    const incident = (await cli(['new', '--title', 'crash test', '--data-dir', dir.path])).stdout;
    for (let round = 0; round < 3; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/append-forever.ts', dir.path, incident], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const acked: string[] = [];
      let buffered = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        buffered += chunk;
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const l of lines) if (l.startsWith('e_')) acked.push(l);
        // Kill mid-stream, at a different point each round, while appends are in flight.
        if (acked.length >= 150 + round * 100 && !child.killed) child.kill('SIGKILL');
      });
      const [, signal] = await once(child, 'exit');
      expect(signal).toBe('SIGKILL');

      const store = new IncidentLogStore(incidentsDir(dir.path));
      const replay = await store.read(incident);
      await store.close();
      const ids = new Set(replay.events.map((e) => e.id));
      const lost = acked.filter((id) => !ids.has(id));
      expect(lost).toEqual([]);
      expect(replay.issues.filter((i) => !i.cut)).toEqual([]);
      // And the CLI can keep writing to it.
      expect(
        (await cli(['post', '--incident', incident, '--kind', 'note', '--text', `after crash ${round}`, '--data-dir', dir.path])).code,
      ).toBe(0);
    }
  }, 60_000);
});
