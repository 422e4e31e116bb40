import type { WarEvent } from '../../src/kinds/event.js';
import { textDigest } from '../../src/comms/digest.js';
import { EventFactory } from './events.js';

/** Text that breaks naive writers: markup, spreadsheet formulas, CSV and Markdown syntax, emoji, right-to-left. */
export const HOSTILE = {
  script: '<script>alert(1)</script>',
  hyperlink: '=HYPERLINK("http://evil","x")',
  plusCmd: '+cmd /c calc, "now"',
  atSum: '@SUM(1)',
  minus: '-2+3',
  heading: '# heading',
  quotes: 'He said "stop", then, "go"',
  multiline: 'line one\nline two\r\n# not a heading\n| a | b |\n---',
  emoji: '🔥 fire in the hole 🔥',
  hebrew: 'שלום',
  arabic: 'مرحبا بالعالم',
  img: '<img src=x onerror=alert(1)>',
  entity: '&lt;b&gt; &amp; [link](javascript:alert(1))',
} as const;

export const HOSTILE_INCIDENT = 'inc_hostile001';
/** 2024-03-31 00:30 UTC: Europe/Berlin switches to summer time half an hour later, in the middle of the incident. */
export const HOSTILE_START = Date.UTC(2024, 2, 31, 0, 30);

export interface HostileIncident {
  events: WarEvent[];
  ids: { h1: string; h2: string; h3: string; a1: string; note: string; retracted: string; impact: string; draft: string };
}

/** A whole incident written by three people, every string in it hostile. Events are returned in log order. */
export function hostileIncident(): HostileIncident {
  const alice = new EventFactory(HOSTILE_INCIDENT, 'o_alicepeer', { id: 'u_alice00001', name: `Alice ${HOSTILE.script}` });
  const bob = new EventFactory(HOSTILE_INCIDENT, 'o_bobpeer01', { id: 'u_bob0000001', name: 'Bob, "the builder"' });
  const dana = new EventFactory(HOSTILE_INCIDENT, 'o_danapeer1', { id: 'u_dana000001', name: HOSTILE.hebrew });
  const minute = (n: number) => HOSTILE_START + n * 60_000;
  const events: WarEvent[] = [];
  const add = (e: WarEvent) => (events.push(e), e.id);

  add(
    alice.make(
      'incident.opened',
      {
        title: `${HOSTILE.script} | # checkout down ${HOSTILE.emoji}`,
        severity: 'SEV1',
        summary: `${HOSTILE.heading}\n${HOSTILE.hyperlink}\n${HOSTILE.img}`,
      },
      minute(0),
    ),
  );
  add(alice.make('role.assigned', { role: 'commander', person: { id: 'u_alice00001', name: `Alice ${HOSTILE.script}` } }, minute(1)));
  const h1 = add(
    alice.make('hypothesis.added', { text: `${HOSTILE.heading}: primary database stalled while replicating to its replicas` }, minute(2)),
  );
  const h2 = add(bob.make('hypothesis.added', { text: HOSTILE.hyperlink, owner: HOSTILE.atSum }, minute(3)));
  const h3 = add(bob.make('hypothesis.added', { text: `IP address conflict | private network ${HOSTILE.script}` }, minute(4)));
  const a1 = add(bob.make('action.added', { text: HOSTILE.plusCmd, links: [h1, h3], owner: HOSTILE.quotes }, minute(5)));
  add(bob.make('action.status', { target: a1, status: 'running' }, minute(6)));
  add(
    bob.make(
      'hypothesis.status',
      { target: h3, status: 'ruled-out', evidence: `${HOSTILE.atSum} only one MAC answers\n- not a list item` },
      minute(31),
    ),
  );
  const note = add(dana.make('note.added', { text: `${HOSTILE.minus} ${HOSTILE.hebrew} ${HOSTILE.arabic} ${HOSTILE.emoji}` }, minute(32)));
  const retracted = add(dana.make('note.added', { text: HOSTILE.entity }, minute(33)));
  add(dana.make('entry.retracted', { target: retracted, reason: HOSTILE.quotes }, minute(34)));
  add(
    alice.make(
      'hypothesis.status',
      { target: h1, status: 'confirmed', evidence: `replica lag 40 s\n${HOSTILE.heading} inside evidence` },
      minute(40),
    ),
  );
  add(bob.make('action.status', { target: a1, status: 'done', result: HOSTILE.img }, minute(41)));
  const impact = add(
    dana.make(
      'impact.added',
      {
        customer: 'Acme, Inc. "Europe"',
        level: 'critical',
        contact: 'ops@acme.example',
        credit: '=1+1 month free',
        note: HOSTILE.arabic,
        segment: HOSTILE.multiline,
      },
      minute(42),
    ),
  );
  add(alice.make('update.overdue', { dueAt: minute(30) }, minute(43)));
  const draft = add(dana.make('draft.created', { title: HOSTILE.script, audience: 'affected', channel: 'email' }, minute(44)));
  const published = `${HOSTILE.multiline}\n${HOSTILE.emoji} ${HOSTILE.hebrew}`;
  // Reviewed as the rules require: Dana marks it ready, Alice (commander) approves.
  add(dana.make('draft.review', { target: draft, state: 'ready', acknowledged: [], digest: textDigest(published) }, minute(44) + 1000));
  add(alice.make('draft.review', { target: draft, state: 'approved', acknowledged: [], digest: textDigest(published) }, minute(44) + 2000));
  add(
    dana.make(
      'draft.published',
      {
        target: draft,
        text: `${HOSTILE.multiline}\n${HOSTILE.emoji} ${HOSTILE.hebrew}`,
        channel: 'email',
        audience: 'affected',
        notified: [impact],
      },
      minute(45),
    ),
  );
  add(alice.make('incident.updated', { status: 'resolved' }, minute(50)));
  return { events, ids: { h1, h2, h3, a1, note, retracted, impact, draft } };
}

const BASE32 = '0123456789abcdefghjkmnpqrstvwxyz';
const fixedId = (prefix: string, n: number): string => {
  let s = '';
  for (let i = 0; i < 10; i++, n = Math.floor(n / 32)) s = BASE32[n % 32] + s;
  return `${prefix}${s}`;
};

/**
 * A big incident as raw JSON lines, built directly (no validation, no fsync per event) so a 100,000-entry log
 * takes a moment to make. Mixes every common kind, with links, status changes, customers and updates.
 */
export function bigIncidentJsonl(count: number, incident = 'inc_big0000001'): string {
  const lines: string[] = [];
  const start = Date.UTC(2024, 9, 27, 0, 0);
  let seq = 0;
  let lastHypothesis = '';
  let lastAction = '';
  let lastImpact = '';
  let lastDraft = '';
  const alice = { id: 'u_alice00001', name: 'Alice' };
  const bob = { id: 'u_bob0000001', name: 'Bob, "the builder"' };
  const push = (id: string, kind: string, data: unknown, by?: typeof alice) => {
    seq++;
    const actor = by ?? (seq % 3 === 0 ? bob : alice);
    lines.push(JSON.stringify({ v: 1, id, incident, origin: 'o_bigorigin', seq, at: { ms: start + seq * 1000, c: 0 }, actor, kind, data }));
  };
  push(incident, 'incident.opened', { title: 'Checkout failing everywhere', severity: 'SEV1', summary: 'Big one' });
  // Roles, so customer updates can pass review as the rules require (Alice marks ready, Bob approves).
  push(fixedId('e_', 1e12), 'role.assigned', { role: 'commander', person: alice }, alice);
  push(fixedId('e_', 1e12 + 1), 'role.assigned', { role: 'comms', person: bob }, alice);
  for (let i = 1; lines.length < count; i++) {
    const id = fixedId('e_', i);
    switch (i % 10) {
      case 1:
        push(id, 'hypothesis.added', { text: `hypothesis ${i}: ${i % 20 === 1 ? HOSTILE.script : 'replica lag'}` });
        lastHypothesis = id;
        break;
      case 2:
        push(id, 'action.added', { text: `action ${i}, "check" ${HOSTILE.hyperlink}`, links: [lastHypothesis] });
        lastAction = id;
        break;
      case 3:
        push(id, 'action.status', { target: lastAction, status: 'done', result: `result ${i}\nsecond line` });
        break;
      case 4:
        push(id, 'hypothesis.status', {
          target: lastHypothesis,
          status: i % 40 === 4 ? 'confirmed' : 'ruled-out',
          evidence: `evidence ${i} | ${HOSTILE.hebrew}`,
        });
        break;
      case 5:
        if (i % 1000 === 5) {
          push(id, 'impact.added', { customer: `Customer ${i}`, level: 'major', credit: 'one month' });
          lastImpact = id;
        } else push(id, 'note.added', { text: `note ${i} ${HOSTILE.emoji}` });
        break;
      case 6:
        if (i % 2000 === 6 && lastImpact) {
          push(id, 'draft.created', { title: `update ${i}`, audience: 'affected', channel: 'email' });
          lastDraft = id;
        } else push(id, 'note.added', { text: `${HOSTILE.minus} note ${i}` });
        break;
      case 7:
        if (i % 2000 === 7 && lastDraft) {
          const text = `We are still investigating (${i}).`;
          const digest = textDigest(text);
          push(fixedId('e_', 2e12 + i), 'draft.review', { target: lastDraft, state: 'ready', acknowledged: [], digest }, alice);
          push(fixedId('e_', 3e12 + i), 'draft.review', { target: lastDraft, state: 'approved', acknowledged: [], digest }, bob);
          push(id, 'draft.published', { target: lastDraft, text, channel: 'email', audience: 'affected', notified: [lastImpact] }, alice);
        } else push(id, 'note.added', { text: `note ${i}` });
        break;
      default:
        push(id, 'note.added', { text: `observation ${i}, with a comma` });
    }
  }
  return lines.join('\n') + '\n';
}
