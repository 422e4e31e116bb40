import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/run-cli.js';
import { cleanupTempDirs, makePeer, startTestHub, tempDir, waitFor, type Peer, type TestHub } from '../helpers/hub-peers.js';

let hub: TestHub | null = null;
const peers: Peer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
  await hub?.close();
  hub = null;
  await cleanupTempDirs();
});

/** An incident shared through a hub: four events, every one positioned, the hub's signed head beside the log. */
async function sharedIncident(): Promise<{ peer: Peer; incident: string; log: string }> {
  hub = await startTestHub();
  const ana = await makePeer('Ana');
  peers.push(ana);
  const opened = await ana.warRoom.createIncident({ title: 'Checkout failing for EU customers', severity: 'SEV2' });
  if (!opened.ok) throw new Error(opened.error);
  const incident = opened.value.incident;
  for (const text of ['primary database stalled while replicating', 'IP address conflict on the private network'])
    await ana.warRoom.record(incident, 'hypothesis.added', { text });
  await ana.warRoom.record(incident, 'note.added', { text: 'errors at 40%' });
  ana.connect(hub.hub.url, incident, await hub.invite(incident));
  await ana.client!.whenSynced();
  await waitFor(async () => (await ana.warRoom.latestHead(incident))?.n === 4, 'the hub’s head for all four');
  await ana.disconnect();
  return { peer: ana, incident, log: join(ana.dir, 'incidents', `${incident}.jsonl`) };
}

describe('the agreed order, checked offline', () => {
  it('verify passes a shared log and its export, and tells a removed last event from either', async () => {
    const { peer, incident, log } = await sharedIncident();
    const intact = await cli(['verify', log]);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/4 positions of the hub's order, its signed head at 4; no problems/);

    // The last event's line cut from the log: every origin chain that is left still holds, the order does not.
    const lines = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
    await writeFile(log, lines.slice(0, -1).join('\n') + '\n');
    const cut = await cli(['verify', log]);
    expect(cut.code).toBe(1);
    expect(cut.stdout).toMatch(/FAIL position 4 \(e_\w+\): missing-event: the hub put event e_\w+ here, and this file does not hold it/);
    await writeFile(log, lines.join('\n') + '\n');

    const out = join(await tempDir('warroom-export-'), 'export.json');
    const exported = await cli(['export', '--incident', incident, '--format', 'json', '--out', out, '--data-dir', peer.dir]);
    expect(exported.code).toBe(0);
    expect((await cli(['verify', out])).code).toBe(0);
    // The export's last event removed, and its "settled" lowered to hide it: the hub's head still says 4.
    const doc = JSON.parse(await readFile(out, 'utf8')) as { events: unknown[]; order: { settled: number } };
    doc.events.pop();
    doc.order.settled = 3;
    await writeFile(out, JSON.stringify(doc));
    const trimmed = await cli(['verify', out]);
    expect(trimmed.code).toBe(1);
    expect(trimmed.stdout).toMatch(/missing-tail: the hub's signed head covers 4 positions and this file holds 3/);
    // Import holds the same line: the trimmed export is refused, nothing written.
    const elsewhereDir = await tempDir('warroom-import-');
    const imported = await cli(['import', out, '--data-dir', elsewhereDir]);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(/missing-tail: the hub's signed head covers 4 positions and this file holds 3/);
  });

  it('an export keeps the order: imported elsewhere, it folds and numbers exactly as the room did', async () => {
    const { peer, incident } = await sharedIncident();
    const out = join(await tempDir('warroom-export-'), 'export.json');
    expect((await cli(['export', '--incident', incident, '--format', 'json', '--out', out, '--data-dir', peer.dir])).code).toBe(0);
    const elsewhere = await tempDir('warroom-import-');
    expect((await cli(['import', out, '--data-dir', elsewhere])).code).toBe(0);
    const again = join(elsewhere, 'again.json');
    expect((await cli(['export', '--incident', incident, '--format', 'json', '--out', again, '--data-dir', elsewhere])).code).toBe(0);
    expect(await readFile(again, 'utf8')).toBe(await readFile(out, 'utf8'));
    expect(await readFile(out, 'utf8')).toMatch(/"order": \{"settled":4,"head":\{"n":4,/);
  });
});
