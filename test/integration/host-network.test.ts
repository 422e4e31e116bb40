import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJoinLink } from '../../src/sync/join-link.js';
import { fingerprintOf } from '../../main/hub/hub-certificate.js';
import { SyncManager } from '../../main/sync/sync-manager.js';
import { ViewState } from '../../main/app/view-state.js';
import { openConfStore } from '../../main/services/conf-store.js';
import { incidentsDir } from '../../main/services/data-dir.js';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { WarRoom } from '../../main/services/war-room.js';
import { loadOrCreateSigner } from '../../main/identity/key-store.js';
import { createNetNamespace, type NetNamespace } from '../helpers/net-namespace.js';
import { cleanupTempDirs, tempDir, waitFor } from '../helpers/hub-peers.js';

const run = promisify(execFile);
const ROOT = new URL('../..', import.meta.url).pathname;

// Alice hosts a room from her app for the local network; Ben and Cara are on another machine (a network
// namespace this test makes, linked to this one by a veth pair) and join with the links her dialog shows.
describe('Host for the local network: wss with a pinned self-signed certificate, from another machine', () => {
  let ns: NetNamespace;
  let bundle: string;
  let alice: { warRoom: WarRoom; sync: SyncManager; dir: string };

  beforeAll(async () => {
    ns = await createNetNamespace();
    const pkg = await tempDir('warroom-bundle-');
    await run(process.execPath, ['scripts/build-cli.mjs', pkg], { cwd: ROOT });
    bundle = join(pkg, 'dist', 'warroom.mjs');
    const dir = await tempDir('warroom-alice-');
    // As the app does: this install's key, in its own 0600 file; Alice's events are signed with it.
    const signer = (await loadOrCreateSigner(dir))!;
    const warRoom = new WarRoom({
      store: new IncidentLogStore(incidentsDir(dir)),
      actor: () => ({ id: signer.actorId, name: 'Alice' }),
      signer,
    });
    // The real defaults: every interface, this machine's real addresses.
    const sync = new SyncManager({ warRoom, viewState: new ViewState(openConfStore(dir)), dataDir: dir, hubPort: 0 });
    alice = { warRoom, sync, dir };
  }, 120_000);

  afterAll(async () => {
    await alice?.sync.close();
    await alice?.warRoom.close();
    await ns?.remove();
    await cleanupTempDirs();
  });

  /** `warroom ...` run on the other machine, as Ben or Cara. */
  const onOtherMachine = async (who: string, args: string[]) => {
    const dataDir = join(alice.dir, '..', `${alice.dir.split('/').pop()}-${who}`);
    return ns.exec(process.execPath, [bundle, ...args, '--data-dir', dataDir, '--name', who], {
      env: { PATH: process.env.PATH, HOME: dataDir },
    });
  };

  it('two peers join from the links over wss; a link with another fingerprint is refused with the reason', async () => {
    const created = await alice.warRoom.createIncident({ title: 'Checkout failing for EU customers', severity: 'SEV1' });
    if (!created.ok) throw new Error(created.error);
    const incident = created.value.incident;
    const hosted = await alice.sync.host(incident, 'network');
    if (!hosted.ok) throw new Error(hosted.error);
    const share = hosted.value.share!;
    expect(share.reach).toBe('network');

    // The certificate was made on first use, kept for the owner only, and its fingerprint is in every link.
    const cert = await readFile(join(alice.dir, 'hub', 'tls', 'cert.pem'), 'utf8');
    expect(share.fingerprint).toBe(fingerprintOf(cert));
    // Never loopback or "any" in a network share: one link per address of this machine, the person picks.
    expect(share.links.length).toBeGreaterThan(0);
    for (const l of share.links) expect(l.editor).not.toMatch(/127\.0\.0\.1|0\.0\.0\.0|%5B%3A%3A%5D|localhost/);
    const onLink = share.links.find((l) => l.interfaceName === ns.hostInterface);
    expect(onLink?.address).toBe(ns.hostAddress);
    const editor = parseJoinLink(onLink!.editor);
    const viewer = parseJoinLink(onLink!.viewer);
    if (!editor.ok || !viewer.ok) throw new Error('links do not parse');
    expect(editor.value.hub).toMatch(new RegExp(`^https://${ns.hostAddress.replace(/\./g, '\\.')}:\\d+$`));
    expect(editor.value.fingerprint).toBe(share.fingerprint);

    // Ben joins as an editor from the other machine, then posts straight to the hub.
    const joined = await onOtherMachine('ben', ['join', onLink!.editor]);
    expect(joined.code, joined.stderr).toBe(0);
    expect(joined.stdout.trim()).toBe(incident);
    const { hub, token, fingerprint } = editor.value;
    const posted = await onOtherMachine('ben', [
      'post',
      '--incident',
      incident,
      '--kind',
      'hypothesis',
      '--text',
      'IP address conflict on the private network',
      '--hub',
      hub,
      '--token',
      token,
      '--fingerprint',
      fingerprint!,
    ]);
    expect(posted.code, posted.stderr).toBe(0);
    await waitFor(
      async () => (await alice.warRoom.events(incident)).some((e) => e.id === posted.stdout.trim()),
      "Ben's hypothesis in Alice's app",
    );

    // Cara joins with the viewer link and reads it; she cannot write.
    const cara = await onOtherMachine('cara', ['join', onLink!.viewer]);
    expect(cara.code, cara.stderr).toBe(0);
    const log = await onOtherMachine('cara', ['log', '--incident', incident, '--json']);
    expect(log.stdout).toContain('IP address conflict on the private network');
    const carasPost = await onOtherMachine('cara', [
      'post',
      '--incident',
      incident,
      '--kind',
      'note',
      '--text',
      'hello',
      '--hub',
      viewer.value.hub,
      '--token',
      viewer.value.token,
      '--fingerprint',
      fingerprint!,
    ]);
    expect(carasPost.code).toBe(1);
    expect(carasPost.stderr).toMatch(/read-only|viewer/);

    // A link whose fingerprint is not the hub's certificate: refused before anything is sent, with the reason.
    const forged = onLink!.editor.replace(/fp=([0-9a-f])/, (_m, c: string) => `fp=${c === '0' ? '1' : '0'}`);
    const refused = await onOtherMachine('dan', ['join', forged]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("the hub's certificate does not match the link");
    expect(refused.stderr).toContain('Nothing was sent');
    expect((await alice.sync.status(incident)).members.map((m) => m.name)).not.toContain('dan');
  }, 120_000);
});
