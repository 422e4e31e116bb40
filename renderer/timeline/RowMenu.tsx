import './row-menu.css';
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { TimelineRow } from '../../src/model/incident-state.js';
import { record } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';
import { offered, rowMenuCandidates, type Candidate } from '../lib/offers.js';

/**
 * A timeline row's menu, from the keyboard (Tab to its button, Enter, arrows, Enter; Escape closes): edit,
 * retract with a reason, pin as a key event, link an action to hypotheses; only what the rules let this person
 * do (renderer/lib/offers.ts). Every choice is a new event that names the row's entry; nothing is rewritten.
 */
export function RowMenu({ row, label, pinned }: { row: TimelineRow; label: string; pinned: boolean }) {
  const [open, setOpen] = useState<'down' | 'up' | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const [items, setItems] = useState<Candidate[]>([]);
  const run = (c: Candidate) => {
    if (c.dialog) useWarRoom.getState().openDialog('row-action', `${c.dialog}:${row.id}`);
    else void record(c.kind as 'entry.pinned', c.data as { target: string; pinned: boolean });
  };

  const show = () => {
    // Asked when the menu opens, of the state as it is then: what the rules every peer enforces let me do.
    const { incidentState, info } = useWarRoom.getState();
    setItems(incidentState ? offered(incidentState, info?.actor ?? null, rowMenuCandidates(incidentState, row, pinned)) : []);
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
            <li key={item.id} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => {
                  hide(true);
                  run(item);
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
