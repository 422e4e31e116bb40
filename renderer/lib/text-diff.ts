import type { TextEdit } from '../../src/comms/draft-text.js';

const isHigh = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * The one edit that turns what the textarea said (`from`) into what it says now (`to`), for a Yjs insert and
 * delete. The caret (where the browser left it after the input) settles what a plain prefix/suffix diff
 * cannot: typing "a" at the start of "aa" is an insert at 0, not at 2. Getting the position right matters
 * for a teammate: their caret, and their keystrokes merged concurrently, sit relative to ours.
 * Never splits a surrogate pair (Yjs would replace half an emoji with U+FFFD).
 */
export function diffAtCaret(from: string, to: string, caret: number | null = null): TextEdit | null {
  if (from === to) return null;
  const shorter = Math.min(from.length, to.length);
  let prefix = 0;
  let suffix = 0;
  const commonSuffix = (max: number): void => {
    while (suffix < max && from.charCodeAt(from.length - 1 - suffix) === to.charCodeAt(to.length - 1 - suffix)) suffix++;
  };
  const commonPrefix = (max: number): void => {
    while (prefix < max && from.charCodeAt(prefix) === to.charCodeAt(prefix)) prefix++;
  };
  if (caret === null) {
    commonPrefix(shorter);
    commonSuffix(shorter - prefix);
  } else {
    // The inserted text ends at the caret, so the common suffix cannot reach before it.
    commonSuffix(Math.max(0, Math.min(shorter, to.length - caret)));
    commonPrefix(shorter - suffix);
  }
  // Keep surrogate pairs whole on both edges of the change.
  if (prefix > 0 && isHigh(from.charCodeAt(prefix - 1))) prefix--;
  if (suffix > 0 && isLow(from.charCodeAt(from.length - suffix))) suffix--;
  return { index: prefix, deleteCount: from.length - prefix - suffix, insert: to.slice(prefix, to.length - suffix) };
}

/** Applies an edit to a string: what the doc does, for checks and previews. */
export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.index) + edit.insert + text.slice(edit.index + edit.deleteCount);
}
