import { afterEach, describe, expect, it } from 'vitest';
import { formatJoinLink } from '../../src/sync/join-link.js';
import { SyncManager } from '../../main/sync/sync-manager.js';
import { ViewState } from '../../main/app/view-state.js';
import { openConfStore } from '../../main/services/conf-store.js';
import { cli } from '../helpers/run-cli.js';
import { cleanupTempDirs, makePeer, readHubLog, startTestHub, tempDir, type TestHub } from '../helpers/hub-peers.js';

/** A join link naming a hub this machine has never used, for an incident that exists here, asks first. */
let hub: TestHub | null = null;
afterEach(async () => {
  await hub?.close();
  hub = null;
  await cleanupTempDirs();
});

describe('links that ask first', () => {
  it("the CLI sends nothing to a stranger's hub without --yes, and says what it would share", async () => {
    const dir = await tempDir('warroom-consent-');
    const w = (...args: string[]) => cli([...args, '--data-dir', dir]);
    const incident = (await w('new', '--title', 'Checkout failing', '--name', 'Ana')).stdout;
    await w('impact', '--incident', incident, '--customer', 'Acme Corp', '--contact', 'ops@acme.example', '--name', 'Ana');
    hub = await startTestHub();
    const link = formatJoinLink({ hub: hub.hub.url, incident, token: await hub.invite(incident) });

    const asked = await w('join', link);
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain(hub.hub.url);
    expect(asked.stderr).toMatch(/sends all 2 of its events .*1 affected customer, including 1 customer contact/);
    expect(asked.stderr).toContain('--yes');
    expect(await readHubLog(hub.dataDir, incident)).toEqual([]);

    const yes = await w('join', link, '--yes');
    expect(yes.code).toBe(0);
    expect(await readHubLog(hub.dataDir, incident)).toHaveLength(2);
    // Now a hub this machine uses: the next link to it does not ask again.
    expect((await w('join', link)).code).toBe(0);
  });

  it('joining a room new to this machine needs no question: nothing local is sent', async () => {
    const host = await makePeer('host');
    const created = await host.warRoom.createIncident({ title: 'Firewall reset' });
    if (!created.ok) throw new Error(created.error);
    const incident = created.value.incident;
    hub = await startTestHub();
    await host.connect(hub.hub.url, incident, await hub.invite(incident)).whenSynced();
    const dir = await tempDir('warroom-consent-');
    const joined = await cli([
      'join',
      formatJoinLink({ hub: hub.hub.url, incident, token: await hub.invite(incident) }),
      '--data-dir',
      dir,
    ]);
    expect(joined.code).toBe(0);
    expect(joined.stdout).toBe(incident);
    await host.close();
  });

  it('the app (deep link or dialog) refuses with the question until confirmed', async () => {
    const ana = await makePeer('ana');
    const created = await ana.warRoom.createIncident({ title: 'Checkout failing' });
    if (!created.ok) throw new Error(created.error);
    const incident = created.value.incident;
    hub = await startTestHub();
    const sync = new SyncManager({ warRoom: ana.warRoom, viewState: new ViewState(openConfStore(ana.dir)), dataDir: ana.dir, hubPort: 0 });
    try {
      const target = { hubUrl: hub.hub.url, token: await hub.invite(incident), incident };
      const asked = await sync.join(target);
      expect(asked.ok).toBe(false);
      expect(!asked.ok && asked.code).toBe('consent-needed');
      expect(!asked.ok && asked.error).toContain(hub.hub.url);
      await new Promise((r) => setTimeout(r, 300));
      expect(await readHubLog(hub.dataDir, incident)).toEqual([]);
      expect((await sync.join({ ...target, confirmed: true })).ok).toBe(true);
    } finally {
      await sync.close();
      await ana.close();
    }
  });
});
