import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecret } from '../../main/hub/hub-secret.js';
import { signInvite } from '../../main/hub/invite-token.js';
import { cli } from '../helpers/run-cli.js';
import { cleanupTempDirs, connectOutcome, rawSocket, startTestHub, type TestHub } from '../helpers/hub-peers.js';

const ROOM = 'inc_room000001';
let hub: TestHub | null = null;
const sockets: { disconnect(): unknown }[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await hub?.close();
  hub = null;
  await cleanupTempDirs();
});

async function tryConnect(url: string, token: string, actorId: string) {
  const s = rawSocket(url, { token, incident: ROOM, actor: { id: actorId, name: 'Someone' } });
  sockets.push(s);
  const out = await connectOutcome(s);
  s.disconnect();
  return out;
}

describe('personal invites', () => {
  it('belong to the first person who uses them, also after a hub restart', async () => {
    hub = await startTestHub();
    const token = signInvite(await loadOrCreateSecret(hub.dataDir), { room: ROOM, role: 'editor', exp: Date.now() + 60_000, sub: 'p_alice0000001' });
    expect(await tryConnect(hub.hub.url, token, 'u_alice00001')).toEqual({ connected: true });
    const stolen = await tryConnect(hub.hub.url, token, 'u_mallory001');
    expect(stolen).toMatchObject({ connected: false, code: 'bad-token' });
    expect(stolen.connected === false && stolen.message).toMatch(/already used by someone else/);

    const dataDir = hub.dataDir;
    await hub.close();
    hub = await startTestHub({ dataDir });
    expect(await tryConnect(hub.hub.url, token, 'u_mallory001')).toMatchObject({ connected: false, code: 'bad-token' });
    expect(await tryConnect(hub.hub.url, token, 'u_alice00001')).toEqual({ connected: true });
  });

  it('are what `warroom invite --personal` makes; shared invites stay usable by anyone', async () => {
    hub = await startTestHub();
    const personal = await cli(['invite', '--data-dir', hub.dataDir, '--incident', ROOM, '--role', 'editor', '--personal']);
    expect(personal.code).toBe(0);
    expect(personal.stderr).toMatch(/personal editor/);
    expect(await tryConnect(hub.hub.url, personal.stdout, 'u_bob0000001')).toEqual({ connected: true });
    expect(await tryConnect(hub.hub.url, personal.stdout, 'u_carol00001')).toMatchObject({ connected: false, code: 'bad-token' });

    const shared = (await cli(['invite', '--data-dir', hub.dataDir, '--incident', ROOM, '--role', 'editor'])).stdout;
    expect(await tryConnect(hub.hub.url, shared, 'u_bob0000001')).toEqual({ connected: true });
    expect(await tryConnect(hub.hub.url, shared, 'u_carol00001')).toEqual({ connected: true });
  });
});
