import './row-menu.css';
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { TimelineRow } from '../../src/model/incident-state.js';
import { record } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';

/**
 * A timeline row's menu, from the keyboard (Tab to its button, Enter, arrows, Enter; Escape closes): edit,
 * retract with a reason, pin as a key event, link an action to hypotheses. Every choice is a new event that
 * names the row's entry; nothing is rewritten.
 */
export function RowMenu({ row, label, pinned, editable }: { row: TimelineRow; label: string; pinned: boolean; editable: boolean }) {
  const [open, setOpen] = useState<'down' | 'up' | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const dialog = (mode: string) => () => useWarRoom.getState().openDialog('row-action', `${mode}:${row.id}`);
  const items: { label: string; run: () => void }[] = [];
  if (editable) {
    items.push({ label: 'Edit…', run: dialog('edit') });
    if (row.kind === 'action.added') items.push({ label: 'Link to hypotheses…', run: dialog('link') });
    items.push({ label: 'Retract…', run: dialog('retract') });
  }
  items.push({
    label: pinned ? 'Unpin key event' : 'Pin as key event',
    run: () => void record('entry.pinned', { target: row.id, pinned: !pinned }),
  });

  const show = () => {
    const r = buttonRef.current?.getBoundingClientRect();
    const scroller = buttonRef.current?.closest('[data-testid="timeline-scroll"]')?.getBoundingClientRect();
    setOpen(r && scroller && r.top - scroller.top > scroller.height / 2 ? 'up' : 'down');
  };
  // Into the menu as soon as it is on screen (before the next key: a hurried Escape must reach the menu).
  useLayoutEffect(() => {
    if (open) listRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);
  const hide = (refocus: boolean) => {
    setOpen(null);
    if (refocus) buttonRef.current?.focus();
  };
  const onMenuKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const all = [...(listRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const i = all.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      all[(i + (e.key === 'ArrowDown' ? 1 : all.length - 1)) % all.length]?.focus();
    } else if (e.key === 'Escape' || e.key === 'Tab') {
      if (e.key === 'Escape') e.preventDefault();
      e.stopPropagation();
      hide(e.key === 'Escape');
    }
  };
  return (
    <div className="row-menu">
      <button
        ref={buttonRef}
        type="button"
        className="icon-button row-menu-button"
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-label={`Entry menu: ${label}`}
        onClick={() => (open ? hide(false) : show())}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            show();
          } else if (e.key === 'Escape' && open) {
            e.preventDefault();
            e.stopPropagation();
            hide(true);
          }
        }}
      >
        ⋯
      </button>
      {open ? (
        <ul
          ref={listRef}
          role="menu"
          aria-label={`Entry menu: ${label}`}
          className={`row-menu-list row-menu-${open}`}
          onKeyDown={onMenuKey}
          onBlur={(e) => !e.currentTarget.contains(e.relatedTarget) && hide(false)}
        >
          {items.map((item) => (
            <li key={item.label} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => {
                  hide(true);
                  item.run();
                }}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
