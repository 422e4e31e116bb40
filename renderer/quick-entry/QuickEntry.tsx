import './quick-entry.css';
import { useRef, useState, type KeyboardEvent } from 'react';
import { record } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';
import { selectReadOnly } from '../state/selectors.js';
import { derivedView, samePlain } from '../state/derived-view.js';
import { numberedHypotheses, hypothesisLabel, type NumberedHypothesis } from '../lib/hypothesis-numbers.js';
import { acceptSuggestion, parseQuickEntry, QUICK_ENTRY_HELP, refSuggestions } from '../lib/quick-entry.js';
import { useFocusTarget } from '../hooks/use-focus-target.js';
import { StatusBadge } from '../shared/Badges.js';

/** The hypotheses a line can refer to (#2), the same list until one is added, retracted or changes status or text. */
const selectNumberedHypotheses = derivedView(numberedHypotheses, samePlain);
const NO_HYPOTHESES: NumberedHypothesis[] = [];
const SAVED = { 'hypothesis.added': 'Hypothesis', 'action.added': 'Action', 'note.added': 'Note' } as const;

type Suggestions = NonNullable<ReturnType<typeof refSuggestions>>;

/**
 * What a key does while the reference picker is open: move, pick or close it, or nothing (the key is the line's).
 * Enter picks from the list while a reference is half typed ("#", "#repl"); a complete "#2" just posts.
 */
function suggestionKey(key: string, text: string, suggestions: Suggestions, hypotheses: readonly NumberedHypothesis[]) {
  if (key === 'ArrowDown') return 'down';
  if (key === 'ArrowUp') return 'up';
  const token = text.slice(suggestions.start, suggestions.end);
  const complete = /^#[hH]?\d+$/.test(token) && hypotheses.some((h) => `#${h.number}` === token.replace(/^#[hH]/, '#'));
  if (key === 'Tab' || (key === 'Enter' && !complete)) return 'pick';
  if (key === 'Escape') return 'dismiss';
  return null;
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

  const suggestions = dismissed ? null : refSuggestions(text, caret, hypotheses);
  const listId = 'quick-entry-suggestions';

  /**
   * The line is taken at Enter and the box is cleared at once, so a hurried person can type the next line
   * while this one saves. A refused save puts its text back (or, if the box is in use again, says it in a
   * notice with the text): nothing typed is lost.
   */
  const post = async () => {
    const parsed = parseQuickEntry(text, hypotheses);
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
      const box = inputRef.current;
      if (box && box.value === '') {
        setText(line);
        setCaret(line.length);
        setError(r.error);
      } else useWarRoom.getState().toast({ kind: 'error', incident: null, title: 'Not saved', body: `${r.error}: “${line}”` });
      return;
    }
    setSaved(`${SAVED[parsed.value.kind]} saved`);
  };

  const pick = (i: number) => {
    if (!suggestions) return;
    const h = suggestions.items[i];
    if (!h) return;
    const next = acceptSuggestion(text, suggestions, h);
    setText(next.text);
    setCaret(next.caret);
    setActive(0);
    requestAnimationFrame(() => inputRef.current?.setSelectionRange(next.caret, next.caret));
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const choice = suggestions ? suggestionKey(e.key, text, suggestions, hypotheses) : null;
    if (choice) e.preventDefault();
    if (choice === 'down' || choice === 'up') {
      const n = suggestions!.items.length;
      setActive((a) => (choice === 'down' ? (a + 1) % n : (a + n - 1) % n));
    } else if (choice === 'pick') pick(Math.min(active, suggestions!.items.length - 1));
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
            aria-activedescendant={suggestions ? `qe-s-${Math.min(active, suggestions.items.length - 1)}` : undefined}
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
            <ul id={listId} role="listbox" className="suggestions" aria-label="Hypotheses to link">
              {suggestions.items.map((h, i) => (
                <li
                  key={h.id}
                  id={`qe-s-${i}`}
                  role="option"
                  aria-selected={i === Math.min(active, suggestions.items.length - 1)}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    pick(i);
                  }}
                >
                  <span className="ref">{hypothesisLabel(h.number)}</span> {h.text} <StatusBadge status={h.status} />
                </li>
              ))}
            </ul>
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
