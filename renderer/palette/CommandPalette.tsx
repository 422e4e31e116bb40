import './palette.css';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useWarRoom } from '../state/store.js';
import { selectPaletteOpen } from '../state/selectors.js';
import { matchCommands, type PaletteItem } from '../lib/palette.js';
import { usePaletteItems } from './use-palette-items.js';

/** Every action by name (Ctrl/Cmd+K): type a few letters, arrows to choose, Enter to run, Escape to go back. */
export function CommandPalette() {
  const open = useWarRoom(selectPaletteOpen);
  return open ? <Palette /> : null;
}

function Palette() {
  const items = usePaletteItems();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const matches = useMemo(() => matchCommands(items, query).slice(0, 12), [items, query]);
  const close = () => useWarRoom.getState().setPaletteOpen(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog?.showModal();
    inputRef.current?.focus();
    const onCancel = (e: Event) => {
      e.preventDefault();
      close();
    };
    dialog?.addEventListener('cancel', onCancel);
    return () => {
      dialog?.removeEventListener('cancel', onCancel);
      if (dialog?.open) dialog.close();
      // Commands that move focus (a view, a dialog) ask for it after this; otherwise go back to where we were.
      requestAnimationFrame(() => {
        if (document.activeElement === document.body && before?.isConnected) before.focus();
      });
    };
  }, []);

  const run = (item: PaletteItem | undefined) => {
    if (!item) return;
    close();
    item.run();
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = Math.max(1, matches.length);
      setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % n : (a + n - 1) % n));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      run(matches[Math.min(active, matches.length - 1)]);
    }
  };

  const activeIndex = Math.min(active, matches.length - 1);
  return (
    <dialog ref={dialogRef} className="palette" aria-label="Command palette">
      <input
        ref={inputRef}
        className="palette-input"
        value={query}
        placeholder="Type a command…"
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-autocomplete="list"
        aria-label="Command"
        aria-activedescendant={matches.length ? `palette-${activeIndex}` : undefined}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKey}
      />
      {matches.length ? (
        <ul id="palette-list" role="listbox" className="palette-list" aria-label="Commands">
          {matches.map((item, i) => (
            <li
              key={item.id}
              id={`palette-${i}`}
              role="option"
              aria-selected={i === activeIndex}
              onMouseDown={(e) => {
                e.preventDefault();
                run(item);
              }}
            >
              <span>{item.label}</span>
              {item.hint ? <kbd>{item.hint}</kbd> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p id="palette-list" className="muted palette-empty">
          No command matches “{query}”.
        </p>
      )}
    </dialog>
  );
}
