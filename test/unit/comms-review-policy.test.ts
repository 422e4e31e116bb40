import { describe, expect, it } from 'vitest';
import { fold } from '../../src/incident/fold.js';
import { lintUpdate } from '../../src/comms/linter/index.js';
import { publishFileName } from '../../src/comms/publish-file-name.js';
import { recipientsOf } from '../../src/comms/recipients.js';
import { unacknowledged } from '../../src/comms/review-policy.js';
import { approverRolesOf } from '../../src/model/identity.js';
import { approvalRefusal } from '../../src/kinds/rule-steps.js';
import { EventFactory } from '../helpers/events.js';

const T0 = Date.UTC(2025, 2, 3, 14, 2);
const alice = { id: 'u_alice00001', name: 'Alice' };
const bob = { id: 'u_bob0000001', name: 'Bob' };
const carol = { id: 'u_carol00001', name: 'Carol' };

describe('review policy', () => {
  const f = new EventFactory();
  const fb = new EventFactory('inc_test000001', 'o_boborigin', bob);
  const open = f.make('incident.opened', { title: 'Checkout failing', severity: 'SEV1' }, T0);
  const comms = f.make('role.assigned', { role: 'comms', person: { id: bob.id, name: 'Bob' } }, T0 + 1);
  const commander = f.make('role.assigned', { role: 'commander', person: { name: 'carol' } }, T0 + 2);
  const draft = f.make('draft.created', { title: 'First update', audience: 'affected', channel: 'email' }, T0 + 3);
  const ready = f.make('draft.review', { target: draft.id, state: 'ready', acknowledged: [] }, T0 + 4);

  it('needs every error and warning acknowledged, never info', () => {
    const findings = lintUpdate('Since 14:02, a small number of customers cannot pay.');
    expect(new Set(unacknowledged(findings, []).map((x) => x.rule))).toEqual(new Set(['no-next-update', 'minimising-impact']));
    expect(unacknowledged(findings, ['no-next-update', 'minimising-impact'])).toEqual([]);
    expect(findings.some((x) => x.rule === 'time-without-zone')).toBe(true);
  });

  it('matches role holders by id only: the same name under another id is someone else, and a role named without an id is held by nobody', () => {
    const state = fold([open, comms, commander]);
    expect(approverRolesOf(state, bob)).toEqual(['comms']);
    // A name is whatever a writer declares; the id comes from their key.
    expect(approverRolesOf(state, { id: 'u_other00001', name: 'Bob' })).toEqual([]);
    // The commander role names "carol" without an id: Carol's key does not hold it, nor does any other.
    expect(approverRolesOf(state, carol)).toEqual([]);
    expect(approverRolesOf(state, alice)).toEqual([]);
  });

  it('lets only a second person with the commander or comms role approve a ready draft', () => {
    const notReady = fold([open, comms, draft]);
    expect(approvalRefusal(notReady, notReady.drafts[draft.id]!, bob)).toMatch(/not marked ready/);
    const state = fold([open, comms, commander, draft, ready]);
    const d = state.drafts[draft.id]!;
    expect(approvalRefusal(state, d, alice)).toMatch(/Alice marked this draft ready; someone else must approve it/);
    expect(approvalRefusal(state, d, { id: 'u_dave000001', name: 'Dave' })).toMatch(
      /Dave holds neither the commander nor the comms role \(commander: carol, comms: Bob\)/,
    );
    expect(approvalRefusal(state, d, bob)).toBeNull();
    // A role given by name alone ("carol") is held by nobody: a same-named stranger may not approve through it.
    expect(approvalRefusal(state, d, carol)).toMatch(/Carol holds neither the commander nor the comms role/);
    // Bob marking it ready himself cannot then approve it.
    const own = fold([open, comms, draft, fb.make('draft.review', { target: draft.id, state: 'ready', acknowledged: [] }, T0 + 5)]);
    expect(approvalRefusal(own, own.drafts[draft.id]!, bob)).toMatch(/Bob marked this draft ready/);
  });

  it('reaches every live affected customer, or the one named, and nobody for all-customers or internal updates', () => {
    const acme = f.make('impact.added', { customer: 'Acme Corp', level: 'critical' }, T0 + 10);
    const globex = f.make('impact.added', { customer: 'Globex', level: 'major' }, T0 + 11);
    const gone = f.make('impact.added', { customer: 'Wrong Co', level: 'minor' }, T0 + 12);
    const retract = f.make('entry.retracted', { target: gone.id }, T0 + 13);
    const state = fold([open, acme, globex, gone, retract]);
    expect(recipientsOf(state, { audience: 'affected' }).map((i) => i.customer)).toEqual(['Acme Corp', 'Globex']);
    expect(recipientsOf(state, { audience: 'customer', customer: ' acme corp ' }).map((i) => i.customer)).toEqual(['Acme Corp']);
    expect(recipientsOf(state, { audience: 'customer', customer: 'Wrong Co' })).toEqual([]);
    expect(recipientsOf(state, { audience: 'all' })).toEqual([]);
    expect(recipientsOf(state, { audience: 'internal' })).toEqual([]);
  });

  it('names published files by title, channel and UTC time, safely', () => {
    expect(publishFileName('First update: Checkout / payments!', 'status-page', T0)).toBe(
      'update-first-update-checkout-payments-status-page-20250303-1402z.md',
    );
    expect(publishFileName('../../etc/passwd', 'email', T0)).toBe('update-etc-passwd-email-20250303-1402z.txt');
    expect(publishFileName('¡¡¡', 'social', T0)).toBe('update-draft-social-20250303-1402z.txt');
  });
});
