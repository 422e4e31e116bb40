import { useMemo } from 'react';
import type { Actor } from '../../src/model/envelope.js';
import type { AppCommand, IncidentListEntry, SyncStatus } from '../../src/ipc/contract.js';
import type { IncidentState } from '../../src/model/incident-state.js';
import type { IncidentStatus } from '../../src/model/vocabulary.js';
import { markSeen, openIncident, record, runCommand, setOnline } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';
import { selectReadOnly } from '../state/selectors.js';
import { factCandidates, offered, roleCandidates, type Candidate } from '../lib/offers.js';
import { rosterOf } from '../lib/roster.js';
import { changeStatus } from '../header/ask-for-statement.js';
import type { PaletteItem } from '../lib/palette.js';

const cmd = (label: string, command: AppCommand, hint?: string): PaletteItem => ({
  id: `cmd:${command}:${label}`,
  label,
  hint,
  run: () => runCommand(command),
});

/** Every command the palette offers now: what the open incident, this person's role and the room allow. */
export function usePaletteItems(): PaletteItem[] {
  const current = useWarRoom((s) => s.current);
  const state = useWarRoom((s) => s.incidentState);
  const incidents = useWarRoom((s) => s.incidents);
  const sync = useWarRoom((s) => (s.current ? s.syncStatus[s.current] : undefined));
  const me = useWarRoom((s) => s.info?.actor ?? null);
  const readOnly = useWarRoom(selectReadOnly);
  return useMemo(() => {
    const items: PaletteItem[] = [cmd('New incident…', 'new-incident', 'Ctrl+N'), cmd('Join a team room…', 'join-room', 'Ctrl+J')];
    if (current && state) {
      items.push(...incidentItems(sync), catchUpItem);
      // A viewer reads: nothing in this block writes.
      if (!readOnly) items.push(...writerItems(state, me, sync?.members ?? []));
      if (sync && sync.state !== 'local') items.push(onlineItem(sync));
    }
    for (const inc of incidents.slice(0, 30)) if (inc.id !== current) items.push(openItem(inc));
    items.push(...generalItems);
    return items;
  }, [current, state, incidents, sync, me, readOnly]);
}

/** Moving around an open incident, and what is done with it as a whole. */
function incidentItems(sync: SyncStatus | undefined): PaletteItem[] {
  return [
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
  ];
}

const catchUpItem: PaletteItem = {
  id: 'catch-up',
  label: 'Catch me up: summary of the incident',
  hint: 'summary',
  run: () => useWarRoom.getState().setCatchUpOpen(true),
};

/**
 * What an editor may write: the incident's own facts, severity words, and roles for everyone in the roster:
 * each offered only when the rules every peer enforces allow this person to write it now (lib/offers.ts).
 */
function writerItems(state: IncidentState, me: Actor | null, members: SyncStatus['members']): PaletteItem[] {
  const items: PaletteItem[] = offered(state, me, factCandidates(state)).map((c) => ({ id: c.id, label: c.label, run: () => runFact(c) }));
  items.push({ id: 'sev-defs', label: 'Severity definitions (SEV1-SEV4)…', run: () => useWarRoom.getState().openDialog('severity') });
  for (const person of rosterOf(state, members, me))
    for (const c of offered(state, me, roleCandidates(state, me, person)))
      items.push({
        id: `role:${c.id}`,
        label: c.label,
        hint: person.fingerprint,
        run: () => void record(c.kind as 'role.assigned', c.data as never),
      });
  return items;
}

function runFact(c: Candidate): void {
  if (c.id.startsWith('status:')) changeStatus((c.data as { status: IncidentStatus }).status);
  else if (c.dialog === 'severity') useWarRoom.getState().openDialog('severity', (c.data as { severity: string }).severity);
  else if (c.dialog === 'status-statement' || c.dialog === 'rename') useWarRoom.getState().openDialog(c.dialog);
}

const onlineItem = (sync: SyncStatus): PaletteItem =>
  sync.paused
    ? { id: 'online', label: 'Reconnect to the team room', run: () => void setOnline(true) }
    : { id: 'offline', label: 'Go offline (keep writing locally)', run: () => void setOnline(false) };

const openItem = (inc: IncidentListEntry): PaletteItem => ({
  id: `open:${inc.id}`,
  label: `Open incident: ${inc.title}`,
  hint: inc.severity,
  run: () => void openIncident(inc.id),
});

const generalItems: PaletteItem[] = [
  cmd('Switch light / dark theme', 'toggle-theme', 'Ctrl+Shift+T'),
  { id: 'name', label: 'Settings: your name, theme, clock…', run: () => useWarRoom.getState().openDialog('settings') },
  { id: 'keys', label: 'Keyboard shortcuts', hint: '?', run: () => useWarRoom.getState().openDialog('shortcuts') },
];
