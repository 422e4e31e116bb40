import './incident-list.css';
import { IncidentDurations } from './IncidentDurations.js';
import { IncidentTrend } from './IncidentTrend.js';
import { useRef } from 'react';
import { useWarRoom } from '../state/store.js';
import { selectIncidents, selectListLoaded } from '../state/selectors.js';
import { openIncident, toggleTheme } from '../state/actions.js';
import { useFocusTarget } from '../hooks/use-focus-target.js';
import { useNow } from '../hooks/use-now.js';
import { SeverityBadge, StatusBadge } from '../shared/Badges.js';
import { TimeStamp } from '../shared/TimeStamp.js';
import { Toasts } from '../notices/Toasts.js';

/** The start screen: every incident on this machine, newest activity first, and ways to start or join one. */
export function IncidentListScreen() {
  const incidents = useWarRoom(selectIncidents);
  const loaded = useWarRoom(selectListLoaded);
  const openDialog = useWarRoom((s) => s.openDialog);
  const now = useNow(30_000);
  const firstRef = useRef<HTMLButtonElement>(null);
  const newRef = useRef<HTMLButtonElement>(null);
  useFocusTarget('incident-list', incidents.length ? firstRef : newRef);

  return (
    <div className="list-screen">
      <header className="app-bar">
        <h1 className="brand">War Room</h1>
        <div className="app-bar-actions">
          <button ref={newRef} type="button" className="primary" onClick={() => openDialog('new-incident')}>
            New incident <kbd>Ctrl</kbd>+<kbd>N</kbd>
          </button>
          <button type="button" onClick={() => openDialog('join-room')}>
            Join a room…
          </button>
          <button type="button" onClick={() => openDialog('settings')}>
            Your name…
          </button>
          <button type="button" onClick={toggleTheme} aria-label="Switch light or dark theme">
            ◐ Theme
          </button>
        </div>
      </header>
      <Toasts />
      <main id="main" className="list-main">
        <h2 className="section-title">Incidents</h2>
        {!loaded ? <p className="muted">Loading…</p> : null}
        {loaded && incidents.length === 0 ? (
          <div className="empty">
            <p>No incidents on this machine yet.</p>
            <p className="muted">
              Open one with <strong>New incident</strong>, or join a teammate's room with the link they sent.
            </p>
          </div>
        ) : null}
        <ul className="incident-list" aria-label="Incidents">
          {incidents.map((inc, i) => (
            <li key={inc.id}>
              <button
                ref={i === 0 ? firstRef : undefined}
                type="button"
                className="incident-item"
                onClick={() => void openIncident(inc.id)}
              >
                <SeverityBadge severity={inc.severity} />
                <span className="incident-item-title">{inc.title}</span>
                <StatusBadge status={inc.status} />
                <span className="muted incident-item-meta">
                  {inc.entries} entries · last activity <TimeStamp at={inc.lastEventAt} now={now} />
                  <IncidentDurations metrics={inc.metrics} />
                </span>
              </button>
            </li>
          ))}
        </ul>
        <IncidentTrend incidents={incidents} />
        <p className="muted hint">
          <kbd>Ctrl</kbd>+<kbd>K</kbd> opens the command palette; <kbd>?</kbd> lists every shortcut.
        </p>
      </main>
    </div>
  );
}
