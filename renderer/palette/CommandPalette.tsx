import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AppCommand } from '../../src/ipc/contract.js';
import { INCIDENT_STATUSES, ROLES, SEVERITIES } from '../../src/model/vocabulary.js';
import { markSeen, openIncident, record, runCommand, setOnline } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';
import { selectPaletteOpen, selectReadOnly } from '../state/selectors.js';
import { canKeepStatement } from '../lib/still-open.js';
import { changeStatus } from '../header/SummaryHeader.js';
import { matchCommands, type PaletteItem } from '../lib/palette.js';

/** Every action by name (Ctrl/Cmd+K): type a few letters, arrows to choose, Enter to run, Escape to go back. */
export function CommandPalette() {
  const open = useWarRoom(selectPaletteOpen);
  return open ? <Palette /> : null;
}

function usePaletteItems(): PaletteItem[] {
  const current = useWarRoom((s) => s.current);
  const state = useWarRoom((s) => s.incidentState);
  const incidents = useWarRoom((s) => s.incidents);
  const sync = useWarRoom((s) => (s.current ? s.syncStatus[s.current] : undefined));
  const me = useWarRoom((s) => s.info?.actor ?? null);
  const readOnly = useWarRoom(selectReadOnly);
  return useMemo(() => {
    const cmd = (label: string, command: AppCommand, hint?: string): PaletteItem => ({
      id: `cmd:${command}:${label}`,
      label,
      hint,
      run: () => runCommand(command),
    });
    const items: PaletteItem[] = [cmd('New incident…', 'new-incident', 'Ctrl+N'), cmd('Join a team room…', 'join-room', 'Ctrl+J')];
    if (current && state) {
      items.push(
        cmd('Record: quick entry', 'quick-entry', 'Ctrl+E'),
        cmd('Search the timeline', 'search', 'Ctrl+F'),
        cmd('Go to Timeline', 'view-timeline', 'Alt+1'),
        cmd('Go to Hypotheses board', 'view-board', 'Alt+2'),
        cmd('Go to Customers', 'view-customers', 'Alt+3'),
        cmd('Go to Drafts', 'view-drafts', 'Alt+4'),
        cmd('Go to Postmortem', 'view-postmortem', 'Alt+5'),
        {
          id: 'import-customers',
          label: 'Import customers from CSV…',
          run: () => {
            runCommand('view-customers');
            useWarRoom.getState().openDialog('import-customers');
          },
        },
        cmd(sync && sync.state !== 'local' ? 'Team room: link and status…' : 'Host this room from this machine…', 'host-room'),
        cmd('Export…', 'export'),
        cmd('Back to all incidents', 'incident-list'),
        { id: 'seen', label: 'Mark everything as seen', run: () => void markSeen() },
      );
      items.push({
        id: 'catch-up',
        label: 'Catch me up: summary of the incident',
        hint: 'summary',
        run: () => useWarRoom.getState().setCatchUpOpen(true),
      });
      // A viewer reads: nothing in this block writes.
      if (!readOnly) {
        // The incident's status, severity and statement are the commander's or the scribe's (a rule every peer enforces).
        if (canKeepStatement(state, me)) {
          items.push({
            id: 'statement',
            label: 'Update the current status…',
            run: () => useWarRoom.getState().openDialog('status-statement'),
          });
          for (const status of INCIDENT_STATUSES) {
            if (status !== state.status)
              items.push({
                id: `status:${status}`,
                label: `Set status: ${status}${status === 'resolved' ? '…' : ''}`,
                run: () => changeStatus(status),
              });
          }
          for (const severity of SEVERITIES) {
            if (severity !== state.severity)
              items.push({
                id: `sev:${severity}`,
                label: `Set severity: ${severity}…`,
                run: () => useWarRoom.getState().openDialog('severity', severity),
              });
          }
        }
        items.push({ id: 'sev-defs', label: 'Severity definitions (SEV1-SEV4)…', run: () => useWarRoom.getState().openDialog('severity') });
        if (me) {
          for (const role of ROLES) {
            items.push({
              id: `role:${role}`,
              label: `Take the ${role} role`,
              run: () => void record('role.assigned', { role, person: { id: me.id, name: me.name } }),
            });
          }
        }
      }
      if (sync && sync.state !== 'local') {
        items.push(
          sync.paused
            ? { id: 'online', label: 'Reconnect to the team room', run: () => void setOnline(true) }
            : { id: 'offline', label: 'Go offline (keep writing locally)', run: () => void setOnline(false) },
        );
      }
    }
    for (const inc of incidents.slice(0, 30)) {
      if (inc.id !== current)
        items.push({
          id: `open:${inc.id}`,
          label: `Open incident: ${inc.title}`,
          hint: inc.severity,
          run: () => void openIncident(inc.id),
        });
    }
    items.push(
      cmd('Switch light / dark theme', 'toggle-theme', 'Ctrl+Shift+T'),
      {
        id: 'name',
        label: 'Change your name…',
        run: () => useWarRoom.getState().openDialog('settings'),
      },
      { id: 'keys', label: 'Keyboard shortcuts', hint: '?', run: () => useWarRoom.getState().openDialog('shortcuts') },
    );
    return items;
  }, [current, state, incidents, sync, me, readOnly]);
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
