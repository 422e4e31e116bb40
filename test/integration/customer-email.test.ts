import { createServer, type Server, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelSettingsFile } from '../../main/hub/channels/channel-settings.js';
import { cleanupTempDirs, startTestHub, tempDir, waitFor } from '../helpers/hub-peers.js';
import { startSmtpReceiver } from '../helpers/smtp-receiver.js';
import { must, publishApproved, teamRoom, type TeamRoom } from '../helpers/team-room.js';

const APPROVED =
  'Since 14:02 UTC you cannot complete checkout: payments time out. We have found the cause and are moving traffic to a healthy database. Next update by 15:00 UTC.';

let team: TeamRoom | null = null;
const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await team?.close();
  team = null;
  for (const c of closers.splice(0)) await c();
  await cleanupTempDirs();
});

/** A hub whose channels.json names the mail server at `port` (written before the hub starts, as an operator does by hand). */
async function hubWithSmtp(port: number) {
  const dataDir = await tempDir('warroom-hubdata-');
  must(
    await new ChannelSettingsFile(dataDir).update((s) => ({
      ...s,
      smtp: {
        host: '127.0.0.1',
        port,
        secure: false,
        user: 'status',
        password: 'smtp-password-never-logged',
        from: 'Acme status <status@acme.example>',
      },
    })),
  );
  const lines: string[] = [];
  const hub = await startTestHub({ dataDir, log: (_level, message) => lines.push(message), channels: { mailTimeoutMs: 3_000 } });
  return { hub, lines };
}

async function addCustomers(t: TeamRoom, customers: Array<[string, string, boolean]>): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const [customer, contact, verified] of customers)
    ids[customer] = must(
      await t.alice.warRoom.record(t.incident, 'impact.added', { customer, level: 'major', contact, contactVerified: verified }),
    ).id;
  return ids;
}

describe('email to the customers affected, through a real SMTP server', () => {
  it('sends one message each to verified contacts, records what the server answered, and resends to the refused one', async () => {
    const smtp = await startSmtpReceiver(new Set(['ops@umbrella.example']));
    closers.push(smtp.close);
    const { hub, lines } = await hubWithSmtp(smtp.port);
    team = await teamRoom({ hub });
    closers.push(() => hub.close());
    const ids = await addCustomers(team, [
      ['Acme Corp', 'ops@acme.example', true],
      ['Globex', 'it@globex.example', true],
      ['Initech', 'noc@initech.example', true],
      ['Umbrella', 'ops@umbrella.example', true],
      ['Hooli', 'help@hooli.example', false],
    ]);
    const { publication } = await publishApproved(team, {
      text: APPROVED,
      channel: 'email',
      audience: 'affected',
      mailer: hub.hub.channels.mailer.id,
    });
    const state = async () => team!.alice.warRoom.state(team!.incident);
    const emailed = ['Acme Corp', 'Globex', 'Initech', 'Umbrella'];
    await waitFor(async () => {
      const now = await state();
      return emailed.every((c) => now.impacts[ids[c]!]?.email !== undefined);
    }, "the hub's record of each customer's email");
    const s = await state();

    // Three messages, one each, with exactly the approved text; none to the unverified contact.
    expect(smtp.received.map((m) => m.to).sort()).toEqual([['it@globex.example'], ['noc@initech.example'], ['ops@acme.example']]);
    for (const m of smtp.received) {
      expect(m.text).toBe(APPROVED);
      expect(m.subject).toBe('Update: Checkout failing for EU customers');
      expect(m.from).toBe('status@acme.example');
    }
    for (const c of ['Acme Corp', 'Globex', 'Initech']) {
      expect(s.impacts[ids[c]!]!.email, c).toMatchObject({ publication, outcome: 'sent' });
      expect(s.impacts[ids[c]!]!.notifiedAt, c).not.toBeNull();
    }
    expect(s.impacts[ids.Umbrella!]!.email).toMatchObject({
      outcome: 'failed',
      reason: expect.stringMatching(/^550 5\.1\.1 <ops@umbrella\.example>: Recipient address rejected/),
    });
    expect(s.impacts[ids.Umbrella!]!.notifiedAt).toBeNull();
    expect(s.impacts[ids.Hooli!]!.email).toBeUndefined();
    expect(s.impacts[ids.Hooli!]!.notifiedAt).toBeNull();
    // Bob's app folds the same records.
    await waitFor(
      async () => (await team!.bob.warRoom.state(team!.incident)).impacts[ids.Umbrella!]?.email?.outcome === 'failed',
      'Bob to see the failure',
    );

    // Umbrella fixes its mailbox; Alice asks for the failed one again. Nobody else gets a second message.
    smtp.refuse.clear();
    must(await team.alice.warRoom.record(team.incident, 'email.resend', { publication, customers: [ids.Umbrella!, ids['Acme Corp']!] }));
    await waitFor(async () => (await state()).impacts[ids.Umbrella!]?.email?.outcome === 'sent', 'Umbrella emailed again');
    expect((await state()).impacts[ids.Umbrella!]!.notifiedAt).not.toBeNull();
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual([
      'it@globex.example',
      'noc@initech.example',
      'ops@acme.example',
      'ops@umbrella.example',
    ]);
    // The password never reaches the hub's log.
    expect(lines.join('\n')).not.toContain('smtp-password-never-logged');
    expect(lines.join('\n')).toMatch(/emailed update .*: 3 of 4 accepted/);
  });

  it('records "failed" with the reason when the mail server drops the connection, and the hub keeps serving', async () => {
    // A mail server that greets, then hangs up: what a crashing or overloaded relay does.
    const dropping: Server = createServer((socket) => {
      socket.write('220 mail.acme.example ESMTP\r\n');
      socket.once('data', () => socket.destroy());
    });
    await new Promise<void>((resolve) => dropping.listen(0, '127.0.0.1', () => resolve()));
    closers.push(() => new Promise((resolve) => dropping.close(resolve)));
    const { hub } = await hubWithSmtp((dropping.address() as AddressInfo).port);
    team = await teamRoom({ hub });
    closers.push(() => hub.close());
    const ids = await addCustomers(team, [['Acme Corp', 'ops@acme.example', true]]);
    await publishApproved(team, { text: APPROVED, channel: 'email', audience: 'affected', mailer: hub.hub.channels.mailer.id });
    await waitFor(
      async () => (await team!.alice.warRoom.state(team!.incident)).impacts[ids['Acme Corp']!]?.email !== undefined,
      "the hub's record",
    );
    const impact = (await team.alice.warRoom.state(team.incident)).impacts[ids['Acme Corp']!]!;
    expect(impact.email).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/connection|closed/i) });
    expect(impact.notifiedAt).toBeNull();
    // Still serving: the page answers and a teammate's note reaches the other.
    expect((await fetch(`${hub.hub.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${hub.hub.url}/api/v2/status.json`)).status).toBe(200);
    const note = must(await team.bob.warRoom.record(team.incident, 'note.added', { text: 'mail relay is down, calling Acme' }));
    await waitFor(async () => (await team!.alice.warRoom.events(team!.incident)).some((e) => e.id === note.id), "Bob's note at Alice");
  });
});
