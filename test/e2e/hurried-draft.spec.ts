import { expect, test } from '@playwright/test';
import { draftText } from '../../src/comms/draft-text.js';
import { openIncident } from './room.js';
import { startTeammate } from './teammate.js';

// A hurried comms lead: New draft, then straight to the end of the text and typing, without waiting to see
// the template arrive. What she typed must follow the template, never come before it.
test('keystrokes typed the moment a new draft opens land after its template', async ({ browser }) => {
  // Main is busy: the draft's template event reaches the page a moment after the draft itself.
  const carol = await startTeammate(browser, { name: 'Carol', eventsDelayMs: 400 });
  try {
    const { page } = carol;
    await page.setViewportSize({ width: 1024, height: 640 });
    await openIncident(carol, 'Checkout failing for EU customers', 'Card payments fail at checkout for EU customers');
    for (const round of [1, 2, 3]) {
      await page.keyboard.press('Alt+4');
      await page.getByRole('button', { name: 'New draft' }).click();
      const text = page.getByLabel('Draft text');
      await text.press('Control+End');
      await page.keyboard.type(` Next update at 15:0${round} UTC.`, { delay: 0 });
      await expect(text).toHaveValue(new RegExp(`^Investigating[\\s\\S]*What is affected[\\s\\S]* Next update at 15:0${round} UTC\\.$`));
      // And so it is in the log, as teammates will read it.
      await expect
        .poll(async () => {
          const s = await carol.warRoom.state((await carol.warRoom.listIncidents())[0]!.id);
          const id = s.draftOrder.at(-1)!;
          return draftText(s.drafts[id]!);
        })
        .toMatch(new RegExp(`^Investigating[\\s\\S]*What is affected[\\s\\S]* Next update at 15:0${round} UTC\\.$`));
    }
    // Nothing typed for one draft landed in another (the draft on screen steps aside the moment New draft is pressed).
    const s = await carol.warRoom.state((await carol.warRoom.listIncidents())[0]!.id);
    expect(s.draftOrder.map((id) => draftText(s.drafts[id]!).match(/Next update at 15:0\d UTC\./g))).toEqual([
      ['Next update at 15:01 UTC.'],
      ['Next update at 15:02 UTC.'],
      ['Next update at 15:03 UTC.'],
    ]);
  } finally {
    await carol.close();
  }
});
