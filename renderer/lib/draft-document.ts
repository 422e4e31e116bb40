import * as Y from 'yjs';
import { decodeBase64, encodeBase64 } from '../../src/comms/base64.js';
import { DRAFT_TEXT_NAME, docText, editDraft, type TextEdit } from '../../src/comms/draft-text.js';

/**
 * The renderer's live copy of one draft's shared text: a Y.Doc that takes every update from the log (in any
 * order, each once) and every local keystroke. Updates are remembered by their base64 text, so a folder
 * that refolds (a peer's event from the past) and hands the same updates over in another order changes
 * nothing, and our own updates coming back from main are not applied twice.
 */
export class DraftDocument {
  readonly doc = new Y.Doc();
  private readonly seen = new Set<string>();
  /**
   * Undo and redo of this writer's own edits only (local transactions; the log's updates come in with the
   * origin 'log' and are not tracked): Ctrl+Z never takes back a teammate's words. Edits within 600 ms are
   * one step, roughly a word at typing speed.
   */
  private readonly history = new Y.UndoManager(this.doc.getText(DRAFT_TEXT_NAME), { captureTimeout: 600 });
  /** Updates that arrived while held (the writer is composing with an IME): applied on release. */
  private held: string[] | null = null;

  get text(): Y.Text {
    return this.doc.getText(DRAFT_TEXT_NAME);
  }

  toString(): string {
    return docText(this.doc);
  }

  /**
   * Stops applying teammates' updates until release(): while an input method composes a character, the
   * textarea holds text the doc has not seen, and changing it under the composition would break it.
   */
  hold(): void {
    this.held ??= [];
  }

  release(): boolean {
    const held = this.held;
    this.held = null;
    return held ? this.apply(held) : false;
  }

  /** Applies the updates not seen yet; true when any was new. A broken one is skipped (main refused it already). */
  sync(updates: readonly string[]): boolean {
    const fresh: string[] = [];
    for (const u of updates) {
      if (this.seen.has(u)) continue;
      this.seen.add(u);
      fresh.push(u);
    }
    if (this.held) {
      this.held.push(...fresh);
      return false;
    }
    return this.apply(fresh);
  }

  private apply(updates: readonly string[]): boolean {
    let fresh: Uint8Array[] | null = null;
    for (const u of updates) {
      try {
        (fresh ??= []).push(decodeBase64(u));
      } catch {
        // skipped: see above
      }
    }
    if (!fresh) return false;
    // One merged update, one transaction: one change event for the textarea, however many arrived.
    try {
      Y.applyUpdate(this.doc, fresh.length === 1 ? fresh[0]! : Y.mergeUpdates(fresh), 'log');
    } catch {
      for (const u of fresh) {
        try {
          Y.applyUpdate(this.doc, u, 'log');
        } catch {
          // skipped
        }
      }
    }
    return true;
  }

  /** A local edit: applied here, returned as the update to send (or null when it changed nothing). */
  edit(edit: TextEdit): string | null {
    const update = editDraft(this.doc, edit);
    if (update) this.seen.add(update);
    return update;
  }

  /** Takes back this writer's last step; the update to send and where the caret goes, or null when there is nothing to undo. */
  undo(): { update: string; caret: number } | null {
    return this.step(() => this.history.undo());
  }

  redo(): { update: string; caret: number } | null {
    return this.step(() => this.history.redo());
  }

  private step(run: () => unknown): { update: string; caret: number } | null {
    const before = Y.encodeStateVector(this.doc);
    let caret = -1;
    const observer = (event: Y.YTextEvent) => {
      let pos = 0;
      for (const op of event.delta) {
        if (op.retain !== undefined) pos += op.retain;
        else if (typeof op.insert === 'string') caret = pos += op.insert.length;
        else if (op.delete !== undefined) caret = pos;
      }
    };
    this.text.observe(observer);
    const done = run();
    this.text.unobserve(observer);
    if (!done) return null;
    const update = encodeBase64(Y.encodeStateAsUpdate(this.doc, before));
    this.seen.add(update);
    return { update, caret: Math.max(0, caret) };
  }

  /** Marks an update (a merged batch we sent) as already in this doc. */
  remember(update: string): void {
    this.seen.add(update);
  }
}

/** Several updates as one, for one draft.edited event. */
export function mergeDraftUpdates(updates: readonly string[]): string {
  return updates.length === 1 ? updates[0]! : encodeBase64(Y.mergeUpdates(updates.map(decodeBase64)));
}

/** The text a list of updates makes, replayed from nothing (history). */
export function textOfUpdates(updates: readonly string[]): string {
  const d = new DraftDocument();
  d.sync(updates);
  return d.toString();
}
