import { describe, expect, it } from 'vitest';
import { HubPresence, type PresenceFlush } from '../../main/hub/hub-presence.js';

const person = (n: number) => ({ id: `u_person${String(n).padStart(4, '0')}`, name: `Person ${n}` });

/** The timer never fires in these tests (an hour): each flush is asked for, so nothing depends on timing. */
function presence() {
  const sent: PresenceFlush[] = [];
  return { sent, p: new HubPresence((f) => sent.push(f), 3_600_000) };
}

describe('HubPresence', () => {
  it('coalesces a burst of joins into one flush: one delta for those there, one full list for all the newcomers', () => {
    const { sent, p } = presence();
    p.join('r', 's_first', person(0), 'editor', 1);
    p.flushAll();
    expect(sent).toEqual([
      {
        room: 'r',
        delta: { changed: [expect.objectContaining({ id: person(0).id })], left: [] },
        joiners: ['s_first'],
        members: [expect.objectContaining({ id: person(0).id })],
      },
    ]);

    sent.length = 0;
    for (let i = 1; i <= 1000; i++) p.join('r', `s_${i}`, person(i), 'viewer', 1 + i);
    p.flushAll();
    expect(sent).toHaveLength(1);
    const [flush] = sent;
    expect(flush!.delta!.changed).toHaveLength(1000);
    expect(flush!.joiners).toHaveLength(1000);
    expect(flush!.members.map((m) => m.id)).toEqual(Array.from({ length: 1001 }, (_, i) => person(i).id));
  });

  it('a join and a leave in one interval cancel out into a "left", and a leave of a second connection is a change', () => {
    const { sent, p } = presence();
    p.join('r', 's_a1', person(1), 'editor', 1);
    p.join('r', 's_b', person(2), 'editor', 2);
    p.flushAll();
    sent.length = 0;
    p.join('r', 's_a2', person(1), 'editor', 3);
    p.join('r', 's_c', person(3), 'viewer', 4);
    p.leave('r', 's_c', person(3).id);
    p.flushAll();
    expect(sent[0]!.delta).toEqual({
      changed: [expect.objectContaining({ id: person(1).id, connections: 2, since: 1 })],
      left: [person(3).id],
    });
    // The one who came and went gets nothing; the second connection of person 1 gets the list.
    expect(sent[0]!.joiners).toEqual(['s_a2']);
    sent.length = 0;
    p.leave('r', 's_a1', person(1).id);
    p.flushAll();
    expect(sent[0]!.delta).toEqual({ changed: [expect.objectContaining({ id: person(1).id, connections: 1 })], left: [] });
    expect(p.list('r').map((m) => m.id)).toEqual([person(1).id, person(2).id]);
  });

  it('nothing changed, nothing sent; rooms are separate', () => {
    const { sent, p } = presence();
    p.flushAll();
    expect(sent).toEqual([]);
    p.join('r1', 's1', person(1), 'editor', 1);
    p.join('r2', 's2', person(2), 'editor', 1);
    p.flushAll();
    expect(sent.map((f) => [f.room, f.members.map((m) => m.id)])).toEqual([
      ['r1', [person(1).id]],
      ['r2', [person(2).id]],
    ]);
    p.close();
  });
});
