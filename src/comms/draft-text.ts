import * as Y from 'yjs';
import { fail, ok, type Result } from '../model/result.js';
import type { Draft } from '../model/incident-state.js';
import { decodeBase64, encodeBase64 } from './base64.js';

/** The name of the draft's shared text inside its Y.Doc: every peer and the UI must use the same one. */
export const DRAFT_TEXT_NAME = 'body';

/**
 * A fresh Y.Doc holding a draft's text: every update in log order (Yjs merges them in any order anyway). An
 * update that cannot be applied (a broken peer) is skipped rather than hiding everyone else's text.
 */
export function draftDoc(updates: readonly string[]): Y.Doc {
  const doc = new Y.Doc();
  for (const u of updates) {
    try {
      Y.applyUpdate(doc, decodeBase64(u));
    } catch {
      // skipped: see above
    }
  }
  return doc;
}

/** The doc's text; empty if a peer defined "body" as something other than text. */
export function docText(doc: Y.Doc): string {
  try {
    return doc.getText(DRAFT_TEXT_NAME).toString();
  } catch {
    return '';
  }
}

/** A draft's current text. */
export function draftText(draft: Pick<Draft, 'updates'>): string {
  return docText(draftDoc(draft.updates));
}

export interface TextEdit {
  index: number;
  deleteCount: number;
  insert: string;
}

/**
 * Applies a local edit to the doc and returns it as a base64 Yjs update (what goes into a draft.edited event),
 * or null when the edit changed nothing. Positions are clamped to the text, so a stale cursor cannot throw.
 */
export function editDraft(doc: Y.Doc, edit: TextEdit): string | null {
  const text = doc.getText(DRAFT_TEXT_NAME);
  const index = Math.max(0, Math.min(edit.index, text.length));
  const deleteCount = Math.max(0, Math.min(edit.deleteCount, text.length - index));
  if (deleteCount === 0 && edit.insert === '') return null;
  const before = Y.encodeStateVector(doc);
  doc.transact(() => {
    if (deleteCount > 0) text.delete(index, deleteCount);
    if (edit.insert) text.insert(index, edit.insert);
  });
  return encodeBase64(Y.encodeStateAsUpdate(doc, before));
}

/**
 * Turns "the textarea now says X" into the smallest edit (common prefix and suffix kept), so a whole-text
 * replace from a plain input still merges with a teammate's concurrent keystrokes.
 */
export function diffEdit(from: string, to: string): TextEdit | null {
  if (from === to) return null;
  let prefix = 0;
  const max = Math.min(from.length, to.length);
  while (prefix < max && from.charCodeAt(prefix) === to.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && from.charCodeAt(from.length - 1 - suffix) === to.charCodeAt(to.length - 1 - suffix)) suffix++;
  return { index: prefix, deleteCount: from.length - prefix - suffix, insert: to.slice(prefix, to.length - suffix) };
}

/** Sets the doc's text to `to` with a minimal edit; returns the update, or null when nothing changed. */
export function replaceDraftText(doc: Y.Doc, to: string): string | null {
  const edit = diffEdit(docText(doc), to);
  return edit ? editDraft(doc, edit) : null;
}

/** The first update of a new draft: its whole starting text. */
export function seedUpdate(text: string): string {
  const doc = new Y.Doc();
  doc.getText(DRAFT_TEXT_NAME).insert(0, text);
  return encodeBase64(Y.encodeStateAsUpdate(doc));
}

/** Applies a base64 update from elsewhere (a peer, the log) to a local doc. */
export function applyDraftUpdate(doc: Y.Doc, update: string): Result<void> {
  const checked = checkDraftUpdate(update);
  if (!checked.ok) return checked;
  Y.applyUpdate(doc, checked.value);
  return ok(undefined);
}

/** The text a draft would have with one more update, or why that update is unusable. */
export function textWithUpdate(updates: readonly string[], update: string): Result<string> {
  const checked = checkDraftUpdate(update);
  if (!checked.ok) return checked;
  const doc = draftDoc(updates);
  try {
    Y.applyUpdate(doc, checked.value);
    return ok(doc.getText(DRAFT_TEXT_NAME).toString());
  } catch {
    return fail("not a draft update: it does not apply to this draft's text");
  }
}

/** Checks that a string is a well-formed Yjs update before it goes into the log, where it would stay forever. */
export function checkDraftUpdate(update: string): Result<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = decodeBase64(update);
  } catch (e) {
    return fail(`not a draft update: ${(e as Error).message}`);
  }
  try {
    Y.decodeUpdate(bytes);
  } catch {
    return fail('not a draft update: the bytes are not a Yjs update');
  }
  return ok(bytes);
}
