import './view-tabs.css';
import { useRef, type KeyboardEvent } from 'react';
import { useWarRoom, VIEWS, type View } from '../state/store.js';
import { selectCurrentSync, selectView } from '../state/selectors.js';
import { SyncChip } from './SyncStatus.js';
import { useViewCounts } from './view-counts.js';

const LABELS: Record<View, string> = {
  timeline: 'Timeline',
  board: 'Hypotheses',
  customers: 'Customers',
  drafts: 'Drafts',
  postmortem: 'Postmortem',
};
type Counts = ReturnType<typeof useViewCounts>;
const COUNT_OF: Record<View, keyof Counts> = {
  timeline: 'timeline',
  board: 'hypotheses',
  customers: 'customers',
  drafts: 'drafts',
  postmortem: 'followUps',
};

export const tabId = (v: View) => `tab-${v}`;
export const panelId = (v: View) => `panel-${v}`;

/** The four views as ARIA tabs: arrow keys move between them, Alt+1…4 jump from anywhere. */
export function ViewTabs() {
  const view = useWarRoom(selectView);
  const setView = useWarRoom((s) => s.setView);
  const counts = useViewCounts();
  const sync = useWarRoom(selectCurrentSync);
  // A window that cannot host a room (the browser view) has nothing to share from here.
  const canShare = useWarRoom((s) => s.info?.features.host ?? true);
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});

  const onKey = (e: KeyboardEvent) => {
    const i = VIEWS.indexOf(view);
    const next =
      e.key === 'ArrowRight'
        ? VIEWS[(i + 1) % VIEWS.length]
        : e.key === 'ArrowLeft'
          ? VIEWS[(i + VIEWS.length - 1) % VIEWS.length]
          : e.key === 'Home'
            ? VIEWS[0]
            : e.key === 'End'
              ? VIEWS[VIEWS.length - 1]
              : null;
    if (!next) return;
    e.preventDefault();
    setView(next);
    refs.current[next]?.focus();
  };

  return (
    <nav className="tabs-bar" aria-label="Views">
      <div role="tablist" aria-label="Incident views" className="tabs" onKeyDown={onKey}>
        {VIEWS.map((v, i) => (
          <button
            key={v}
            ref={(el) => {
              refs.current[v] = el;
            }}
            type="button"
            role="tab"
            id={tabId(v)}
            aria-selected={view === v}
            aria-controls={panelId(v)}
            tabIndex={view === v ? 0 : -1}
            className="tab"
            onClick={() => setView(v)}
          >
            {LABELS[v]} <span className="tab-count">{counts[COUNT_OF[v]]}</span>
            <span className="visually-hidden"> (Alt+{i + 1})</span>
          </button>
        ))}
      </div>
      <div className="tabs-extra">
        <SyncChip sync={sync} />
        {canShare ? (
          <button type="button" className="small" onClick={() => useWarRoom.getState().openDialog('host-room')}>
            Share…
          </button>
        ) : null}
        <button type="button" className="small palette-button" onClick={() => useWarRoom.getState().setPaletteOpen(true)}>
          <span className="wide-only">Commands </span>
          <span className="kbd-hint">
            <kbd>Ctrl</kbd>+<kbd>K</kbd>
          </span>
        </button>
      </div>
    </nav>
  );
}
