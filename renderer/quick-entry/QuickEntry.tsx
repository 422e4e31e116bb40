import './quick-entry.css';
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { record } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';
import { derivedView, samePlain } from '../state/derived-view.js';
import { numberedHypotheses, hypothesisLabel, type NumberedHypothesis } from '../lib/hypothesis-numbers.js';
import {
  acceptOwner,
  acceptSuggestion,
  ownerSuggestions,
  parseQuickEntry,
  QUICK_ENTRY_HELP,
  refSuggestions,
  type OwnerSuggestions,
  type RefSuggestions,
} from '../lib/quick-entry.js';
import { selectCurrentSync, selectMe, selectReadOnly } from '../state/selectors.js';
import { peopleToOwn } from './people.js';
import { useFocusTarget } from '../hooks/use-focus-target.js';
import { StatusBadge } from '../shared/Badges.js';

/** The hypotheses a line can refer to (#2), the same list until one is added, retracted or changes status or text. */
const selectNumberedHypotheses = derivedView(numberedHypotheses, samePlain);
const NO_HYPOTHESES: NumberedHypothesis[] = [];
const SAVED = { 'hypothesis.added': 'Hypothesis', 'action.added': 'Action', 'note.added': 'Note' } as const;

/** The picker open on the line: hypotheses for a `#` token, people for an `@` token. */
type Picker = { kind: 'link'; s: RefSuggestions } | { kind: 'owner'; s: OwnerSuggestions };
const pickerSize = (p: Picker) => (p.kind === 'link' ? p.s.items.length : p.s.names.length);

/** Whether the token under the picker is already whole ("#2" naming H2, "@Bob" naming Bob): Enter then posts. */
function tokenComplete(text: string, picker: Picker, hypotheses: readonly NumberedHypothesis[]): boolean {
  const token = text.slice(picker.s.start, picker.s.end);
  if (picker.kind === 'owner') return picker.s.names.some((n) => `@${n}`.toLowerCase() === token.toLowerCase());
  return /^#[hH]?\d+$/.test(token) && hypotheses.some((h) => `#${h.number}` === token.replace(/^#[hH]/, '#'));
}

/** The picker for the caret's token, or null (closed by Escape until the line changes). */
function pickerAt(text: string, caret: number, hypotheses: readonly NumberedHypothesis[], people: () => string[]): Picker | null {
  const link = refSuggestions(text, caret, hypotheses);
  if (link) return { kind: 'link', s: link };
  if (!text.includes('@')) return null;
  const owner = ownerSuggestions(text, caret, people());
  return owner ? { kind: 'owner', s: owner } : null;
}

/**
 * What a key does while a picker is open: move, pick or close it, or nothing (the key is the line's).
 * Enter picks from the list while a reference is half typed ("#", "#repl", "@bo"); a complete "#2" just posts.
 */
function suggestionKey(key: string, complete: boolean) {
  if (key === 'ArrowDown') return 'down';
  if (key === 'ArrowUp') return 'up';
  if (key === 'Tab' || (key === 'Enter' && !complete)) return 'pick';
  if (key === 'Escape') return 'dismiss';
  return null;
}

/** The names an `@` may pick, looked up only when asked (see peopleToOwn). */
function usePeopleToOwn(): () => string[] {
  const me = useWarRoom(selectMe);
  const sync = useWarRoom(selectCurrentSync);
  return () => peopleToOwn(useWarRoom.getState().incidentState, me?.name ?? null, sync);
}

/**
 * The pick goes into the box itself, caret and all, before the key's handler returns: the next key, however
 * soon it comes, types after the pick (a caret set on the next frame let fast keys land before it).
 */
function pickInto(box: HTMLInputElement | null, text: string, picker: Picker, i: number): { text: string; caret: number } | null {
  const h = picker.kind === 'link' ? picker.s.items[i] : undefined;
  const name = picker.kind === 'owner' ? picker.s.names[i] : undefined;
  const next = picker.kind === 'link' ? (h ? acceptSuggestion(text, picker.s, h) : null) : name ? acceptOwner(text, picker.s, name) : null;
  if (next && box) {
    box.value = next.text;
    box.setSelectionRange(next.caret, next.caret);
  }
  return next;
}

/**
 * One line to record anything during the call, without the mouse: `h ` hypothesis, `a ` action (with `#2`
 * to link hypothesis H2; typing `#` opens a picker), `n ` note. Enter posts; the line keeps focus.
 */
export function QuickEntry() {
  const hypotheses = useWarRoom(selectNumberedHypotheses) ?? NO_HYPOTHESES;
  const readOnly = useWarRoom(selectReadOnly);
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  useFocusTarget('quick-entry', inputRef);

  const people = usePeopleToOwn();
  const suggestions = dismissed ? null : pickerAt(text, caret, hypotheses, people);
  const listId = 'quick-entry-suggestions';

  /**
   * The line is taken at Enter and the box is cleared at once, so a hurried person can type the next line
   * while this one saves. A refused save puts its text back (or, if the box is in use again, says it in a
   * notice with the text): nothing typed is lost.
   */
  const post = async () => {
    const parsed = parseQuickEntry(text, hypotheses, text.includes('@') ? people() : []);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    const line = text;
    setText('');
    setCaret(0);
    setError(null);
    const r = await record(parsed.value.kind, parsed.value.data as never, { quiet: true });
    if (!r.ok) {
      if (inputRef.current?.value === '') {
        setText(line);
        setCaret(line.length);
        setError(r.error);
      } else useWarRoom.getState().toast({ kind: 'error', incident: null, title: 'Not saved', body: `${r.error}: “${line}”` });
      return;
    }
    setSaved(`${SAVED[parsed.value.kind]} saved`);
  };

  const pick = (i: number) => {
    const next = suggestions ? pickInto(inputRef.current, text, suggestions, i) : null;
    if (!next) return;
    setText(next.text);
    setCaret(next.caret);
    setActive(0);
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const choice = suggestions ? suggestionKey(e.key, tokenComplete(text, suggestions, hypotheses)) : null;
    if (choice) e.preventDefault();
    if (choice === 'down' || choice === 'up') {
      const n = pickerSize(suggestions!);
      setActive((a) => (choice === 'down' ? (a + 1) % n : (a + n - 1) % n));
    } else if (choice === 'pick') pick(Math.min(active, pickerSize(suggestions!) - 1));
    else if (choice === 'dismiss') setDismissed(true);
    else if (e.key === 'Enter') {
      e.preventDefault();
      void post();
    } else if (e.key === 'Escape' && text) {
      e.preventDefault();
      setText('');
      setError(null);
    }
  };

  if (readOnly) {
    return (
      <footer className="quick-entry">
        <p className="quick-entry-readonly" data-testid="read-only">
          Read-only: you joined with a viewer link, so there is no entry box here. Ask the commander for an editor link to write.
        </p>
      </footer>
    );
  }
  return (
    <footer className="quick-entry">
      <form onSubmit={(e) => e.preventDefault()} className="quick-entry-form">
        <label htmlFor="quick-entry-input" className="quick-entry-label">
          Record
        </label>
        <div className="quick-entry-field">
          <input
            id="quick-entry-input"
            ref={inputRef}
            className="quick-entry-input"
            value={text}
            autoComplete="off"
            spellCheck
            placeholder="h hypothesis · a action #1 · n note — Enter posts"
            role="combobox"
            aria-expanded={suggestions ? true : false}
            aria-controls={suggestions ? listId : undefined}
            aria-autocomplete="list"
            aria-activedescendant={suggestions ? `qe-s-${Math.min(active, pickerSize(suggestions) - 1)}` : undefined}
            aria-describedby="quick-entry-help quick-entry-status"
            aria-invalid={error ? true : undefined}
            onChange={(e) => {
              setText(e.target.value);
              setCaret(e.target.selectionStart ?? e.target.value.length);
              setError(null);
              setSaved(null);
              setDismissed(false);
              setActive(0);
            }}
            onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
            onKeyDown={onKey}
          />
          {suggestions ? (
            <PickerList picker={suggestions} active={Math.min(active, pickerSize(suggestions) - 1)} listId={listId} onPick={pick} />
          ) : null}
        </div>
      </form>
      <p id="quick-entry-help" className="visually-hidden">
        {QUICK_ENTRY_HELP}
      </p>
      <p id="quick-entry-status" className={error ? 'quick-entry-error' : 'quick-entry-saved'} role={error ? 'alert' : 'status'}>
        {error ?? saved ?? ''}
      </p>
    </footer>
  );
}

/** The open picker's options: hypotheses to link (number, text, status) or people to own the entry. */
function PickerList({ picker, active, listId, onPick }: { picker: Picker; active: number; listId: string; onPick: (i: number) => void }) {
  const option = (key: string, i: number, body: ReactNode) => (
    <li
      key={key}
      id={`qe-s-${i}`}
      role="option"
      aria-selected={i === active}
      onMouseDown={(e) => {
        e.preventDefault();
        onPick(i);
      }}
    >
      {body}
    </li>
  );
  return (
    <ul id={listId} role="listbox" className="suggestions" aria-label={picker.kind === 'link' ? 'Hypotheses to link' : 'People to own it'}>
      {picker.kind === 'link'
        ? picker.s.items.map((h, i) =>
            option(
              h.id,
              i,
              <>
                <span className="ref">{hypothesisLabel(h.number)}</span> {h.text} <StatusBadge status={h.status} />
              </>,
            ),
          )
        : picker.s.names.map((name, i) => option(name, i, <>@{name}</>))}
    </ul>
  );
}
