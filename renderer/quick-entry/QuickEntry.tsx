import './quick-entry.css';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { record } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';
import { selectIncidentState, selectReadOnly } from '../state/selectors.js';
import { numberedHypotheses, hypothesisLabel } from '../lib/hypothesis-numbers.js';
import { acceptSuggestion, parseQuickEntry, QUICK_ENTRY_HELP, refSuggestions } from '../lib/quick-entry.js';
import { useFocusTarget } from '../hooks/use-focus-target.js';
import { StatusBadge } from '../shared/Badges.js';

/**
 * One line to record anything during the call, without the mouse: `h ` hypothesis, `a ` action (with `#2`
 * to link hypothesis H2; typing `#` opens a picker), `n ` note. Enter posts; the line keeps focus.
 */
export function QuickEntry() {
  const state = useWarRoom(selectIncidentState);
  const readOnly = useWarRoom(selectReadOnly);
  const hypotheses = useMemo(() => (state ? numberedHypotheses(state) : []), [state]);
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
    setSaved(`${parsed.value.kind === 'hypothesis.added' ? 'Hypothesis' : parsed.value.kind === 'action.added' ? 'Action' : 'Note'} saved`);
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
    if (suggestions) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const n = suggestions.items.length;
        setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % n : (a + n - 1) % n));
        return;
      }
      // Enter picks from the list while a reference is half typed ("#", "#repl"); a complete "#2" just posts.
      const token = text.slice(suggestions.start, suggestions.end);
      const complete = /^#[hH]?\d+$/.test(token) && hypotheses.some((h) => `#${h.number}` === token.replace(/^#[hH]/, '#'));
      if (e.key === 'Tab' || (e.key === 'Enter' && !complete)) {
        e.preventDefault();
        pick(Math.min(active, suggestions.items.length - 1));
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        setDismissed(true);
        return;
      }
    }
    if (e.key === 'Enter') {
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
