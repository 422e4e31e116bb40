import { afterEach, describe, expect, it } from 'vitest';
import { formatJoinLink } from '../../src/sync/join-link.js';
import { SyncManager } from '../../main/sync/sync-manager.js';
import { deepLinkStep } from '../../main/app/deep-link.js';
import { loadOrCreateCertificate } from '../../main/hub/hub-certificate.js';
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

  it('the two-link walk-around: a first link for an incident not here does not make the hub known for one that is', async () => {
    const dir = await tempDir('warroom-consent-');
    const w = (...args: string[]) => cli([...args, '--data-dir', dir]);
    const mine = (await w('new', '--title', 'Checkout failing', '--name', 'Ana')).stdout;
    hub = await startTestHub();
    // Link one: Mallory's hub, an incident of Mallory's this machine does not hold. Nothing local to share, so no question.
    const mallory = await makePeer('mallory');
    const baitRoom = await mallory.warRoom.createIncident({ title: 'Please join' });
    if (!baitRoom.ok) throw new Error(baitRoom.error);
    const bait = baitRoom.value.incident;
    await mallory.connect(hub.hub.url, bait, await hub.invite(bait)).whenSynced();
    await mallory.close();
    const first = await w('join', formatJoinLink({ hub: hub.hub.url, incident: bait, token: await hub.invite(bait) }));
    expect(first.code).toBe(0);
    // Link two: the same hub, naming the incident this machine does hold: asked, nothing sent.
    const second = await w('join', formatJoinLink({ hub: hub.hub.url, incident: mine, token: await hub.invite(mine) }));
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/never shared it with .*Nothing was sent/);
    expect(await readHubLog(hub.dataDir, mine)).toEqual([]);
  });

  it('a link to a hub that is down remembers nothing: the same link asks again once it is up', async () => {
    const dir = await tempDir('warroom-consent-');
    const w = (...args: string[]) => cli([...args, '--data-dir', dir]);
    const incident = (await w('new', '--title', 'Checkout failing', '--name', 'Ana')).stdout;
    hub = await startTestHub();
    const link = formatJoinLink({ hub: hub.hub.url, incident, token: await hub.invite(incident) });
    const { port } = new URL(hub.hub.url);
    await hub.close();
    hub = null;
    const down = await w('join', link, '--yes');
    expect(down.code).not.toBe(0);
    // Up again at the same address: the yes given to a hub that never answered counts for nothing.
    hub = await startTestHub({ port: Number(port) });
    const again = await w('join', formatJoinLink({ hub: hub.hub.url, incident, token: await hub.invite(incident) }));
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/never shared it with/);
    expect(await readHubLog(hub.dataDir, incident)).toEqual([]);
  });

  it('a known hub and incident under another certificate fingerprint asks again, and sends nothing', async () => {
    const dir = await tempDir('warroom-consent-');
    const w = (...args: string[]) => cli([...args, '--data-dir', dir]);
    const incident = (await w('new', '--title', 'Checkout failing', '--name', 'Ana')).stdout;
    const cert = await loadOrCreateCertificate(await tempDir('warroom-cert-'));
    hub = await startTestHub({ tls: { cert: cert.cert, key: cert.key } });
    const token = await hub.invite(incident);
    const real = formatJoinLink({ hub: hub.hub.url, incident, token, fingerprint: cert.fingerprint });
    expect((await w('join', real, '--yes')).code).toBe(0);
    expect((await w('join', real)).code).toBe(0); // agreed, same certificate: no question
    await w('post', '--incident', incident, '--kind', 'note', '--text', 'written after the first share', '--name', 'Ana');
    const other = formatJoinLink({ hub: hub.hub.url, incident, token, fingerprint: 'ab'.repeat(32) });
    const asked = await w('join', other);
    expect(asked.code).toBe(1);
    expect(asked.stderr).toMatch(/certificate abab.*someone else's hub at the same address\. Nothing was sent/i);
    expect((await readHubLog(hub.dataDir, incident)).map((e) => e.kind)).not.toContain('note.added');
  });

  it('the app: the walk-around and a changed fingerprint each ask, and a deep link always opens the dialog', async () => {
    const ana = await makePeer('ana');
    const created = await ana.warRoom.createIncident({ title: 'Checkout failing' });
    if (!created.ok) throw new Error(created.error);
    const mine = created.value.incident;
    hub = await startTestHub();
    const sync = new SyncManager({ warRoom: ana.warRoom, viewState: new ViewState(openConfStore(ana.dir)), dataDir: ana.dir, hubPort: 0 });
    try {
      const bait = 'inc_mallorybait2';
      expect((await sync.join({ hubUrl: hub.hub.url, token: await hub.invite(bait), incident: bait })).ok).toBe(true);
      const asked = await sync.join({ hubUrl: hub.hub.url, token: await hub.invite(mine), incident: mine });
      expect(!asked.ok && asked.code).toBe('consent-needed');
      const pinned = await sync.join({
        hubUrl: hub.hub.url,
        token: await hub.invite(mine),
        incident: mine,
        fingerprint: 'cd'.repeat(32),
      });
      expect(!pinned.ok && pinned.code).toBe('consent-needed');
      expect(!pinned.ok && pinned.error).toMatch(/someone else's hub/);
      await new Promise((r) => setTimeout(r, 300));
      expect(await readHubLog(hub.dataDir, mine)).toEqual([]);
    } finally {
      await sync.close();
      await ana.close();
    }
    // A clicked link never joins by itself: it opens the join dialog with the link, for a known hub too.
    const link = formatJoinLink({ hub: 'http://127.0.0.1:7311', incident: mine, token: 'x'.repeat(40) });
    expect(deepLinkStep(link)).toEqual({ kind: 'ask', link });
    expect(deepLinkStep('warroom://join?hub=nope')).toMatchObject({ kind: 'error' });
  });
});
