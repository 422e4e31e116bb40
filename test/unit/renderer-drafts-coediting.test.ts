import fc from 'fast-check';
import type * as Y from 'yjs';
import { describe, expect, it, vi } from 'vitest';
import { seedUpdate } from '../../src/comms/draft-text.js';
import { mapOffset, mapSelection, type DeltaOp } from '../../renderer/lib/caret.js';
import { DraftDocument, mergeDraftUpdates, textOfUpdates } from '../../renderer/lib/draft-document.js';
import { EditBatcher, type BatcherTimers } from '../../renderer/lib/edit-batcher.js';
import { applyEdit, diffAtCaret } from '../../renderer/lib/text-diff.js';

describe('the edit a textarea input makes (diffAtCaret)', () => {
  it('places an insert where the caret says, where a plain diff would guess', () => {
    // Typing "a" at the start of "aa": the caret (1) says it went in at 0, not at the end.
    expect(diffAtCaret('aa', 'aaa', 1)).toEqual({ index: 0, deleteCount: 0, insert: 'a' });
    expect(diffAtCaret('aa', 'aaa', 3)).toEqual({ index: 2, deleteCount: 0, insert: 'a' });
    expect(diffAtCaret('aa', 'aaa', null)).toEqual({ index: 2, deleteCount: 0, insert: 'a' });
    // Backspace on the second of "abcc" (caret left at 2), a paste over a selection, a delete of everything.
    expect(diffAtCaret('abcc', 'abc', 2)).toEqual({ index: 2, deleteCount: 1, insert: '' });
    expect(diffAtCaret('We will update you soon.', 'We will update you by 15:00 UTC.', 31)).toEqual({
      index: 19,
      deleteCount: 4,
      insert: 'by 15:00 UTC',
    });
    expect(diffAtCaret('text', '', 0)).toEqual({ index: 0, deleteCount: 4, insert: '' });
    expect(diffAtCaret('same', 'same', 2)).toBeNull();
  });

  it('never cuts an emoji (a surrogate pair) in half', () => {
    // 😀 is \ud83d\ude00 and 😃 is \ud83d\ude03: they share the high half.
    const edit = diffAtCaret('a😀b', 'a😃b', 3)!;
    expect(edit).toEqual({ index: 1, deleteCount: 2, insert: '😃' });
  });

  it('reproduces the new text exactly, for any change and any caret inside it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), fc.nat(), (from, to, c) => {
        const caret = to.length === 0 ? 0 : c % (to.length + 1);
        const edit = diffAtCaret(from, to, caret);
        expect(edit === null ? from : applyEdit(from, edit)).toBe(to);
      }),
    );
  });
});

describe("mapping our caret through a teammate's change", () => {
  it('moves with text inserted or deleted before it and stays put for text after it', () => {
    expect(mapOffset(5, [{ insert: 'abc' }])).toBe(8);
    expect(mapOffset(5, [{ retain: 5 }, { insert: 'abc' }])).toBe(5); // at the caret: theirs goes after ours
    expect(mapOffset(5, [{ retain: 7 }, { insert: 'abc' }])).toBe(5);
    expect(mapOffset(5, [{ retain: 1 }, { delete: 2 }])).toBe(3);
    expect(mapOffset(5, [{ retain: 3 }, { delete: 5 }])).toBe(3); // inside the deleted range: to its start
    expect(mapOffset(5, [{ retain: 1 }, { delete: 1 }, { insert: 'xyz' }, { retain: 10 }, { insert: 'q' }])).toBe(7);
    expect(mapSelection({ start: 2, end: 6, direction: 'backward' }, [{ insert: 'ab' }, { retain: 4 }, { insert: 'c' }])).toEqual({
      start: 4,
      end: 9,
      direction: 'backward',
    });
  });
});

/**
 * A person at a textarea bound to a DraftDocument, as DraftTextArea does it: keystrokes become edits through
 * diffAtCaret; a teammate's updates change the value and the caret is mapped through their delta.
 */
class Typist {
  readonly doc = new DraftDocument();
  value = '';
  caret = 0;
  readonly outbox: string[] = [];

  constructor(seed: string[]) {
    this.doc.sync(seed);
    this.value = this.doc.toString();
    this.doc.text.observe((event: Y.YTextEvent) => {
      if (event.transaction.local) return;
      this.caret = mapOffset(this.caret, event.delta as DeltaOp[]);
      this.value = this.doc.toString();
    });
  }

  /** One key: the browser changes the value and moves the caret, then the input handler runs. */
  type(ch: string): void {
    const before = this.value;
    this.value = before.slice(0, this.caret) + ch + before.slice(this.caret);
    this.caret += ch.length;
    const edit = diffAtCaret(this.doc.toString(), this.value, this.caret);
    const update = edit && this.doc.edit(edit);
    if (update) this.outbox.push(update);
    expect(this.doc.toString()).toBe(this.value);
  }

  backspace(): void {
    if (this.caret === 0) return;
    this.value = this.value.slice(0, this.caret - 1) + this.value.slice(this.caret);
    this.caret--;
    const update = this.doc.edit(diffAtCaret(this.doc.toString(), this.value, this.caret)!);
    if (update) this.outbox.push(update);
  }
}

describe('two people typing into one draft at once', () => {
  const template = 'Investigating: checkout failing.\nNext update at 15:00 UTC.';

  it("keeps every keystroke of both, each person's words together, whatever order the updates arrive in", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.nat(3)), { minLength: 20, maxLength: 80 }), (schedule) => {
        const seed = [seedUpdate(template)];
        const alice = new Typist(seed);
        const bob = new Typist(seed);
        alice.caret = 0;
        bob.caret = bob.value.length;
        const aliceWords = 'Alice first. ';
        const bobWords = ' Bob last.';
        let a = 0;
        let b = 0;
        // Each step: one of them types a key, and some of the other's pending updates are delivered.
        for (const [aliceTurn, deliver] of schedule) {
          if (aliceTurn && a < aliceWords.length) alice.type(aliceWords[a++]!);
          else if (b < bobWords.length) bob.type(bobWords[b++]!);
          bob.doc.sync(alice.outbox.splice(0, deliver));
          alice.doc.sync(bob.outbox.splice(0, deliver));
        }
        while (a < aliceWords.length) alice.type(aliceWords[a++]!);
        while (b < bobWords.length) bob.type(bobWords[b++]!);
        // Whatever is still in flight arrives, in reverse order for good measure.
        bob.doc.sync(alice.outbox.splice(0).reverse());
        alice.doc.sync(bob.outbox.splice(0).reverse());
        expect(alice.value).toBe(`${aliceWords}${template}${bobWords}`);
        expect(bob.value).toBe(alice.value);
        // Each caret is still right after what its owner typed.
        expect(alice.caret).toBe(aliceWords.length);
        expect(bob.caret).toBe(bob.value.length);
      }),
      { numRuns: 60 },
    );
  });

  it('merges a deletion by one with typing by the other in the same sentence', () => {
    const seed = [seedUpdate('We will update you soon.')];
    const alice = new Typist(seed);
    const bob = new Typist(seed);
    // Alice deletes "soon"; Bob, at the same moment, types " at 15:00 UTC" after "you".
    alice.caret = 23;
    for (let i = 0; i < 4; i++) alice.backspace();
    bob.caret = 18;
    for (const ch of ' at 15:00 UTC') bob.type(ch);
    alice.doc.sync(bob.outbox);
    bob.doc.sync(alice.outbox);
    expect(alice.value).toBe('We will update you at 15:00 UTC .');
    expect(bob.value).toBe(alice.value);
    expect(bob.caret).toBe('We will update you at 15:00 UTC'.length);
  });
});

describe('DraftDocument', () => {
  it('applies each update once, in any order, and ignores our own coming back', () => {
    const seed = seedUpdate('Payments fail.');
    const writer = new DraftDocument();
    writer.sync([seed]);
    const u1 = writer.edit({ index: 14, deleteCount: 0, insert: ' Since 14:02 UTC.' })!;
    const u2 = writer.edit({ index: 0, deleteCount: 0, insert: 'EU: ' })!;
    const reader = new DraftDocument();
    const changes = vi.fn();
    reader.text.observe(changes);
    expect(reader.sync([u2, u1, seed])).toBe(true);
    expect(reader.toString()).toBe('EU: Payments fail. Since 14:02 UTC.');
    expect(changes).toHaveBeenCalledTimes(1); // one merged transaction for the textarea
    expect(reader.sync([seed, u1, u2])).toBe(false);
    expect(writer.sync([u1, u2])).toBe(false);
    expect(textOfUpdates([seed, mergeDraftUpdates([u1, u2])])).toBe('EU: Payments fail. Since 14:02 UTC.');
  });

  it('skips an update it cannot read instead of losing the others', () => {
    const d = new DraftDocument();
    expect(d.sync(['not base64!', 'AAAA', seedUpdate('kept')])).toBe(true);
    expect(d.toString()).toBe('kept');
  });

  it("undoes and redoes only this writer's own edits, never a teammate's", () => {
    const seed = seedUpdate('Payments fail.');
    const mine = new DraftDocument();
    const theirs = new DraftDocument();
    mine.sync([seed]);
    theirs.sync([seed]);
    const u1 = mine.edit({ index: 0, deleteCount: 0, insert: 'EU: ' })!;
    theirs.sync([u1]);
    mine.sync([theirs.edit({ index: 18, deleteCount: 0, insert: ' Since 14:02 UTC.' })!]);
    expect(mine.toString()).toBe('EU: Payments fail. Since 14:02 UTC.');
    const undone = mine.undo()!;
    expect(mine.toString()).toBe('Payments fail. Since 14:02 UTC.');
    expect(undone.caret).toBe(0);
    // The undo travels like any edit: the teammate gets it and keeps their own words.
    theirs.sync([undone.update]);
    expect(theirs.toString()).toBe('Payments fail. Since 14:02 UTC.');
    expect(mine.undo()).toBeNull(); // the seed came from the log: not ours to undo
    const redone = mine.redo()!;
    expect(mine.toString()).toBe('EU: Payments fail. Since 14:02 UTC.');
    expect(redone.caret).toBe(4);
    theirs.sync([redone.update]);
    expect(theirs.toString()).toBe(mine.toString());
  });

  it("holds teammates' updates while an input method composes, and applies them on release", () => {
    const seed = seedUpdate('abc');
    const d = new DraftDocument();
    d.sync([seed]);
    const other = new DraftDocument();
    other.sync([seed]);
    const u = other.edit({ index: 3, deleteCount: 0, insert: 'd' })!;
    d.hold();
    expect(d.sync([u])).toBe(false);
    expect(d.toString()).toBe('abc');
    expect(d.release()).toBe(true);
    expect(d.toString()).toBe('abcd');
  });
});

/** Timers the test moves by hand. */
function fakeTimers() {
  let now = 0;
  const queue: { at: number; fn: () => void; id: number }[] = [];
  let ids = 0;
  const timers: BatcherTimers = {
    setTimeout: (fn, ms) => {
      const id = ++ids;
      queue.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (h) => {
      const i = queue.findIndex((t) => t.id === h);
      if (i >= 0) queue.splice(i, 1);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const t of queue.filter((x) => x.at <= now).sort((x, y) => x.at - y.at)) {
      queue.splice(queue.indexOf(t), 1);
      t.fn();
    }
  };
  return { timers, advance, now: () => now };
}

describe('EditBatcher', () => {
  const seed = seedUpdate('x');
  const keystrokes = (n: number): string[] => {
    const d = new DraftDocument();
    d.sync([seed]);
    return Array.from({ length: n }, (_, i) => d.edit({ index: 1 + i, deleteCount: 0, insert: String(i % 10) })!);
  };

  it('sends the first keystroke at once, gathers the next ones while a save is in flight, loses none', async () => {
    const clock = fakeTimers();
    const sent: string[] = [];
    let release: (() => void) | null = null;
    const batcher = new EditBatcher({
      send: (u) => {
        sent.push(u);
        return new Promise((resolve) => (release = () => resolve(null)));
      },
      intervalMs: 100,
      now: clock.now,
      timers: clock.timers,
    });
    const keys = keystrokes(6);
    batcher.push(keys[0]!);
    expect(sent).toHaveLength(1);
    for (const k of keys.slice(1)) batcher.push(k);
    expect(sent).toHaveLength(1); // one in flight at a time
    release!();
    await Promise.resolve();
    await Promise.resolve();
    clock.advance(100);
    expect(sent).toHaveLength(2); // the other five, merged
    release!();
    await batcher.flush();
    expect(textOfUpdates([seed, ...sent])).toBe('x012345');
  });

  it('flush sends what waits for the interval and resolves once it is saved', async () => {
    const clock = fakeTimers();
    const sent: string[] = [];
    const batcher = new EditBatcher({
      send: async (u) => {
        sent.push(u);
        return null;
      },
      intervalMs: 100,
      now: clock.now,
      timers: clock.timers,
    });
    const keys = keystrokes(3);
    batcher.push(keys[0]!);
    await Promise.resolve();
    await Promise.resolve();
    batcher.push(keys[1]!);
    batcher.push(keys[2]!);
    expect(batcher.pending).toBe(2);
    await batcher.flush();
    expect(batcher.pending).toBe(0);
    expect(sent).toHaveLength(2);
    expect(textOfUpdates([seed, ...sent])).toBe('x012');
  });

  it('reports a refused save', async () => {
    const refused = vi.fn();
    const batcher = new EditBatcher({ send: async () => 'the draft was already published', onRefused: refused });
    batcher.push(keystrokes(1)[0]!);
    await batcher.flush();
    expect(refused).toHaveBeenCalledWith('the draft was already published');
  });
});
