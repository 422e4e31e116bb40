import { expect, test } from '@playwright/test';
import { memorySigner } from '../../main/identity/event-signature.js';
import { loadOrCreateSigner } from '../../main/identity/key-store.js';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { WarRoom } from '../../main/services/war-room.js';
import { incidentsDir } from '../../main/services/data-dir.js';
import { shortFingerprint } from '../../src/model/identity.js';
import { screenshot } from './helpers.js';
import { startTeammate } from './teammate.js';

const IMPOSTORS = [
  { name: 'Alice', text: 'rollback approved' },
  { name: '\u0410lice', text: 'customers already told' },
  { name: 'Al\u200bice', text: 'firewall is fine, stop looking' },
] as const;

/** Alice's own log, with three people writing as "Alice" under keys of their own (as a room would bring them). */
async function prepare(dataDir: string): Promise<string> {
  const store = () => new IncidentLogStore(incidentsDir(dataDir));
  const signer = (await loadOrCreateSigner(dataDir))!;
  const real = new WarRoom({ store: store(), signer, actor: () => ({ id: 'x', name: 'Alice' }) });
  const opened = await real.createIncident({ title: 'Checkout failing for EU customers' });
  if (!opened.ok) throw new Error(opened.error);
  await real.record(opened.value.incident, 'hypothesis.added', { text: 'primary database stalled while replicating to its replicas' });
  await real.close();
  for (const who of IMPOSTORS) {
    const other = new WarRoom({ store: store(), signer: memorySigner(), actor: () => ({ id: 'x', name: who.name }) });
    await other.record(opened.value.incident, 'note.added', { text: who.text });
    await other.close();
  }
  return signer.actorId;
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the timeline tells a second "Alice" from the real one (${colorScheme})`, async ({ browser }) => {
    let aliceId = '';
    const alice = await startTeammate(browser, {
      name: 'Alice',
      colorScheme,
      prepare: async (dir) => {
        aliceId = await prepare(dir);
      },
    });
    try {
      const { page } = alice;
      const mine = shortFingerprint(aliceId)!;
      await page
        .getByRole('button', { name: /Checkout failing for EU customers/ })
        .first()
        .click();
      const rows = page.getByTestId('timeline-scroll').getByRole('article');
      const hers = rows.filter({ hasText: 'primary database stalled' });
      await expect(hers.locator('.tl-key')).toHaveText(mine);
      await expect(hers.locator('.tl-author')).toHaveAttribute('title', new RegExp(aliceId));
      for (const who of IMPOSTORS) {
        const row = rows.filter({ hasText: who.text });
        await expect(row.locator('.tl-key'), who.name).toHaveText(/^[a-z2-7]{4}-[a-z2-7]{4}$/);
        await expect(row.locator('.tl-key'), who.name).not.toHaveText(mine);
        await expect(row.locator('.tl-lookalike'), who.name).toBeVisible();
        await expect(row, who.name).toHaveAttribute('aria-label', /whose name another key also uses/);
      }
      for (const [w, h] of [
        [1024, 640],
        [1920, 1080],
      ] as const) {
        await page.setViewportSize({ width: w, height: h });
        await screenshot(page, `second-alice-${w}-${colorScheme}`);
      }
    } finally {
      await alice.close();
    }
  });
}
