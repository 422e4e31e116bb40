import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import type * as Y from 'yjs';
import type { TextEdit } from '../../src/comms/draft-text.js';
import type { Finding } from '../../src/comms/linter/index.js';
import type { Draft } from '../../src/incident/state.js';
import { draftDocument, forgetDraftDocument, saveDraftUpdate } from '../state/drafts.js';
import { mapSelection, type DeltaOp } from '../lib/caret.js';
import { EditBatcher } from '../lib/edit-batcher.js';
import { diffAtCaret } from '../lib/text-diff.js';

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

  // The textarea is not controlled by React: its value and caret are set here, from the doc, so a teammate's
  // change never resets the caret through a re-render.
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

  useEffect(() => () => void batcher.close(), [batcher]);

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

/** The text split at the findings' edges, each finding's span marked with its worst severity. */
function highlighted(text: string, findings: readonly Finding[]): ReactNode[] {
  // Whole-text findings ("no next update anywhere") would paint everything: they are listed, not marked.
  const spans = findings.filter((f) => f.end > f.start && !(f.start === 0 && f.end === text.length));
  if (spans.length === 0) return [text, '\n'];
  const cuts = [...new Set([0, text.length, ...spans.flatMap((f) => [Math.min(f.start, text.length), Math.min(f.end, text.length)])])].sort(
    (a, b) => a - b,
  );
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const out: ReactNode[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const [from, to] = [cuts[i]!, cuts[i + 1]!];
    if (from === to) continue;
    const covering = spans.filter((f) => f.start <= from && f.end >= to);
    const piece = text.slice(from, to);
    if (covering.length === 0) out.push(piece);
    else {
      const worst = covering.reduce((a, b) => (rank[b.severity] < rank[a.severity] ? b : a));
      out.push(
        <mark key={from} className={`lint-mark lint-${worst.severity}`}>
          {piece}
        </mark>,
      );
    }
  }
  // A trailing newline needs a character after it to take up its line, as it does in the textarea.
  out.push('\n');
  return out;
}

/**
 * The draft's textarea with the linter's findings underlined behind it: a backdrop with the same text,
 * font and wrapping, where each finding's span is marked. The backdrop is decoration (aria-hidden); the
 * findings themselves are listed, with their quotes, in the findings panel.
 */
export function DraftTextArea({ co, findings, describedBy }: { co: CoEditing; findings: readonly Finding[]; describedBy?: string }) {
  const marks = useMemo(() => highlighted(co.text, findings), [co.text, findings]);
  return (
    <div className="draft-field">
      <div className="draft-backdrop" aria-hidden="true">
        {marks}
      </div>
      <textarea
        ref={co.areaRef}
        className="draft-text"
        aria-label="Draft text"
        aria-describedby={describedBy}
        onInput={co.onInput}
        onCompositionStart={co.onCompositionStart}
        onCompositionEnd={co.onCompositionEnd}
        onBlur={() => void co.flush()}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void co.flush();
          }
        }}
        rows={10}
        spellCheck
      />
    </div>
  );
}
