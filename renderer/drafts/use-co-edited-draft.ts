import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type * as Y from 'yjs';
import type { TextEdit } from '../../src/comms/draft-text.js';
import type { Draft } from '../../src/model/incident-state.js';
import { draftDocument, forgetDraftDocument, saveDraftUpdate } from '../state/drafts.js';
import type { DraftDocument } from '../lib/draft-document.js';
import { mapSelection, type DeltaOp } from '../lib/caret.js';
import { EditBatcher } from '../lib/edit-batcher.js';
import { diffAtCaret } from '../lib/text-diff.js';

type AreaRef = RefObject<HTMLTextAreaElement | null>;

/** A draft's text bound to its live Y.Doc: what the editor reads and the handles it acts through. */
export interface CoEditing {
  text: string;
  areaRef: RefObject<HTMLTextAreaElement | null>;
  /** Keystrokes typed here and not yet saved to the log. */
  pending: number;
  /** Why the last save was refused (the text on screen then holds keystrokes the log does not). */
  saveError: string | null;
  onInput(): void;
  onCompositionStart(): void;
  onCompositionEnd(): void;
  /** A change made by a button (a lint fix, a restored version): merged like a keystroke. */
  applyEdit(edit: TextEdit): void;
  /** Selects a span of the text and shows it (a finding's quote). */
  select(start: number, end: number): void;
  /** Saves every pending keystroke; resolves once they are in the log. */
  flush(): Promise<void>;
  /** Drops the local copy and shows the log's text (after a refused save). */
  reload(): void;
}

/**
 * Live co-editing of one draft. Each input event is turned into the smallest Yjs insert/delete (the caret
 * places it exactly) and applied to the draft's Y.Doc; the update goes to main through an EditBatcher (the
 * first keystroke at once, then at most one save in flight, the rest merged). Teammates' updates reach the
 * same doc from the folded log (renderer/state/drafts.ts); the textarea then takes the merged text and our
 * caret and selection are mapped through their change, so typing carries on where it was.
 */
export function useCoEditedDraft(draft: Draft): CoEditing {
  const [generation, setGeneration] = useState(0);
  // `generation` changes on reload(): the memo then fetches a fresh document built from the log.
  const doc = useMemo(() => draftDocument(draft), [draft.id, generation]);
  const areaRef = useRef<HTMLTextAreaElement>(null);
  const composing = useRef(false);
  const [text, setText] = useState(() => doc.toString());
  const [pending, setPending] = useState(0);
  const [saveError, setSaveError] = useState<string | null>(null);

  const batcher = useMemo(
    () =>
      new EditBatcher({
        send: (update) => {
          doc.remember(update);
          return saveDraftUpdate(draft.id, update);
        },
        onRefused: (reason) => setSaveError(reason),
        onPending: setPending,
      }),
    [doc, draft.id],
  );

  useTextareaFollowsDoc(doc, batcher, areaRef, setText);
  useEffect(() => () => void batcher.close(), [batcher]);

  const { onInput, applyEdit, select } = useLocalEdits(doc, batcher, areaRef, composing, setText);

  return {
    text,
    areaRef,
    pending,
    saveError,
    onInput,
    onCompositionStart: () => {
      composing.current = true;
      doc.hold();
    },
    onCompositionEnd: () => {
      composing.current = false;
      onInput();
      doc.release();
    },
    applyEdit,
    select,
    flush: () => batcher.flush(),
    reload: () => {
      forgetDraftDocument(draft.id);
      setSaveError(null);
      setGeneration((g) => g + 1);
    },
  };
}

/**
 * The textarea is not controlled by React: its value and caret are set here, from the doc, so a teammate's
 * change never resets the caret through a re-render.
 */
function useTextareaFollowsDoc(doc: DraftDocument, batcher: EditBatcher, areaRef: AreaRef, setText: (text: string) => void): void {
  useLayoutEffect(() => {
    const area = areaRef.current;
    if (area) area.value = doc.toString();
    setText(doc.toString());
    const observer = (event: Y.YTextEvent) => {
      if (event.transaction.local) return; // our own keystroke: the textarea already shows it
      const a = areaRef.current;
      const next = doc.toString();
      if (a) {
        const selection = mapSelection(
          { start: a.selectionStart, end: a.selectionEnd, direction: a.selectionDirection ?? 'none' },
          event.delta as DeltaOp[],
        );
        a.value = next;
        a.setSelectionRange(Math.min(selection.start, next.length), Math.min(selection.end, next.length), selection.direction);
      }
      setText(next);
    };
    doc.text.observe(observer);
    // Undo and redo (Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y, the context menu) take back only this writer's own
    // edits: the browser's own undo would replay whole-text states and erase what teammates typed meanwhile
    // (and its stack is gone anyway once a teammate's change has set the value).
    const history = (which: 'undo' | 'redo') => {
      const step = which === 'undo' ? doc.undo() : doc.redo();
      const a = areaRef.current;
      if (!step || !a) return;
      batcher.push(step.update);
      a.value = doc.toString();
      a.setSelectionRange(step.caret, step.caret);
      setText(a.value);
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      const which = key === 'z' ? (e.shiftKey ? 'redo' : 'undo') : key === 'y' && !e.shiftKey ? 'redo' : null;
      if (!which) return;
      e.preventDefault();
      history(which);
    };
    const onBeforeInput = (e: InputEvent) => {
      if (e.inputType !== 'historyUndo' && e.inputType !== 'historyRedo') return;
      e.preventDefault();
      history(e.inputType === 'historyUndo' ? 'undo' : 'redo');
    };
    area?.addEventListener('keydown', onKeyDown);
    area?.addEventListener('beforeinput', onBeforeInput);
    return () => {
      doc.text.unobserve(observer);
      area?.removeEventListener('keydown', onKeyDown);
      area?.removeEventListener('beforeinput', onBeforeInput);
    };
  }, [doc, batcher]);
}

/** This writer's own changes: keystrokes (diffed at the caret), buttons' edits, and selecting a span. */
function useLocalEdits(
  doc: DraftDocument,
  batcher: EditBatcher,
  areaRef: AreaRef,
  composing: RefObject<boolean>,
  setText: (text: string) => void,
) {
  const onInput = useCallback(() => {
    const area = areaRef.current;
    if (!area || composing.current) return;
    const before = doc.toString();
    const after = area.value;
    const caret = area.selectionStart === area.selectionEnd ? area.selectionEnd : null;
    const edit = diffAtCaret(before, after, caret);
    if (!edit) return;
    const update = doc.edit(edit);
    if (update) batcher.push(update);
    const now = doc.toString();
    // Never expected (the diff reproduces the textarea exactly); if it ever differs, the doc is the truth.
    if (now !== after) area.value = now;
    setText(now);
  }, [doc, batcher]);

  const applyEdit = useCallback(
    (edit: TextEdit) => {
      const update = doc.edit(edit);
      if (!update) return;
      batcher.push(update);
      const next = doc.toString();
      const area = areaRef.current;
      if (area) {
        area.value = next;
        const caret = Math.min(edit.index + edit.insert.length, next.length);
        area.focus();
        area.setSelectionRange(caret, caret);
      }
      setText(next);
    },
    [doc, batcher],
  );

  const select = useCallback((start: number, end: number) => {
    const area = areaRef.current;
    if (!area) return;
    area.focus();
    area.setSelectionRange(start, end);
  }, []);

  return { onInput, applyEdit, select };
}
