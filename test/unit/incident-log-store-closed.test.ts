import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { WarRoom } from '../../main/services/war-room.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe('an incident log store after close', () => {
  it('refuses a late write (a sync exchange still finishing) and opens no file for it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'warroom-closed-'));
    dirs.push(dir);
    const warRoom = new WarRoom({ store: new IncidentLogStore(join(dir, 'incidents')), actor: () => ({ id: 'u_ana', name: 'Ana' }) });
    const opened = await warRoom.createIncident({ title: 'Checkout errors' });
    if (!opened.ok) throw new Error(opened.error);
    const incident = opened.value.incident;
    const store = new IncidentLogStore(join(dir, 'incidents'));
    await store.close();

    await expect(store.appendAt(incident, [opened.value])).rejects.toThrow(/closed/);
    expect(() => store.order(incident)).toThrow(/closed/);
    expect(await exists(join(dir, 'incidents', `${incident}.order`))).toBe(false);
    // What was written before stays readable.
    expect((await store.read(incident)).events.map((e) => e.id)).toEqual([incident]);
    await warRoom.close();
  });

  it('a war room closed while positions still arrive answers with an error, not a file left open', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'warroom-closed-'));
    dirs.push(dir);
    const warRoom = new WarRoom({ store: new IncidentLogStore(join(dir, 'incidents')), actor: () => ({ id: 'u_ana', name: 'Ana' }) });
    const opened = await warRoom.createIncident({ title: 'Checkout errors' });
    if (!opened.ok) throw new Error(opened.error);
    const incident = opened.value.incident;
    await warRoom.close();
    const taken = await warRoom.ingestOrder(incident, { from: 1, ids: [incident] }, null);
    expect(taken.ok).toBe(false);
    expect(await exists(join(dir, 'incidents', `${incident}.order`))).toBe(false);
  });
});
