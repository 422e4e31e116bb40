import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../src/comms/base64.js';
import {
  applyDraftUpdate,
  checkDraftUpdate,
  diffEdit,
  docText,
  draftDoc,
  draftText,
  editDraft,
  replaceDraftText,
  seedUpdate,
  textWithUpdate,
} from '../../src/comms/draft-text.js';
import { textDigest } from '../../src/comms/digest.js';

describe('base64 (no Buffer, no btoa)', () => {
  it('round-trips any bytes and matches the standard encoding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = encodeBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(decodeBase64(text)).toEqual(bytes);
      }),
    );
  });

  it('refuses malformed input', () => {
    expect(() => decodeBase64('abc')).toThrow(/multiple of 4/);
    expect(() => decodeBase64('ab$=')).toThrow(/invalid base64/);
    expect(() => decodeBase64('a=bc')).toThrow(/invalid base64/);
  });
});

describe('draft text on Yjs', () => {
  it('builds the text from the seed and later edits', () => {
    const updates = [seedUpdate('Since 14:02 UTC payments fail.')];
    const doc = draftDoc(updates);
    updates.push(editDraft(doc, { index: 6, deleteCount: 5, insert: '14:03' })!);
    updates.push(editDraft(doc, { index: doc.getText('body').length, deleteCount: 0, insert: ' Next update at 15:00 UTC.' })!);
    expect(draftText({ updates })).toBe('Since 14:03 UTC payments fail. Next update at 15:00 UTC.');
    expect(draftText({ updates: [] })).toBe('');
  });

  it("keeps both people's keystrokes when two docs edit the same draft at the same time", () => {
    const seed = seedUpdate('Card payments fail. Next update at 15:00 UTC.');
    const alice = draftDoc([seed]);
    const bob = draftDoc([seed]);
    // Neither has seen the other's edit: the same position, typed at the same time.
    const a = editDraft(alice, { index: 0, deleteCount: 0, insert: 'Since 14:02 UTC, c' })!;
    const a2 = editDraft(alice, { index: 18, deleteCount: 1, insert: '' })!;
    const b = editDraft(bob, { index: 13, deleteCount: 0, insert: ' at checkout' })!;
    const b2 = editDraft(bob, { index: 'Card payments at checkout fail'.length, deleteCount: 0, insert: ' for about 1,200 customers' })!;
    expect(applyDraftUpdate(alice, b).ok).toBe(true);
    expect(applyDraftUpdate(alice, b2).ok).toBe(true);
    expect(applyDraftUpdate(bob, a2).ok).toBe(true); // out of order: Yjs holds it until its dependency arrives
    expect(applyDraftUpdate(bob, a).ok).toBe(true);
    expect(docText(alice)).toBe(docText(bob));
    expect(docText(alice)).toBe('Since 14:02 UTC, card payments at checkout fail for about 1,200 customers. Next update at 15:00 UTC.');
    // The log order does not matter either.
    expect(draftText({ updates: [seed, b2, a, b, a2] })).toBe(docText(alice));
  });

  it('turns a whole-text replace into a minimal edit that merges with a concurrent one', () => {
    expect(diffEdit('abcdef', 'abXYef')).toEqual({ index: 2, deleteCount: 2, insert: 'XY' });
    expect(diffEdit('same', 'same')).toBeNull();
    const seed = seedUpdate('Payments fail. Next update soon.');
    const alice = draftDoc([seed]);
    const bob = draftDoc([seed]);
    const a = replaceDraftText(alice, 'Card payments fail. Next update soon.')!;
    const b = replaceDraftText(bob, 'Payments fail. Next update at 15:00 UTC.')!;
    expect(draftText({ updates: [seed, a, b] })).toBe('Card payments fail. Next update at 15:00 UTC.');
    expect(replaceDraftText(alice, docText(alice))).toBeNull();
  });

  it('clamps a stale cursor instead of throwing', () => {
    const doc = draftDoc([seedUpdate('abc')]);
    expect(editDraft(doc, { index: 99, deleteCount: 5, insert: 'd' })).not.toBeNull();
    expect(docText(doc)).toBe('abcd');
    expect(editDraft(doc, { index: 1, deleteCount: 0, insert: '' })).toBeNull();
  });

  it('refuses updates that are not Yjs updates, and skips a broken one already in a log', () => {
    expect(checkDraftUpdate('not base64!').ok).toBe(false);
    expect(checkDraftUpdate(encodeBase64(new TextEncoder().encode('hello world this is garbage'))).ok).toBe(false);
    const seed = seedUpdate('kept');
    expect(textWithUpdate([seed], seedUpdate(' and more')).ok).toBe(true);
    expect(draftText({ updates: [seed, 'AAAA', encodeBase64(new Uint8Array([255, 255, 255]))] })).toBe('kept');
    // A peer that defines "body" as a map cannot make reading the text throw.
    const odd = new Y.Doc();
    odd.getMap('body').set('x', 1);
    const oddUpdate = encodeBase64(Y.encodeStateAsUpdate(odd));
    expect(() => textWithUpdate([seed], oddUpdate)).not.toThrow();
    expect(() => draftText({ updates: [seed, oddUpdate] })).not.toThrow();
  });

  it('fingerprints text stably and tells different texts apart', () => {
    expect(textDigest('Next update at 15:00 UTC.')).toBe(textDigest('Next update at 15:00 UTC.'));
    expect(textDigest('Next update at 15:00 UTC.')).not.toBe(textDigest('Next update at 15:05 UTC.'));
    expect(textDigest('')).toMatch(/^[0-9a-f]{14}$/);
  });
});
