import { memo, useMemo, useRef, useState } from 'react';
import { useWarRoom } from '../state/store.js';
import { selectFilters } from '../state/selectors.js';
import { ENTRY_KIND_FILTERS, filterChoicesTracker, isFiltering, NO_FILTERS, type KindFilter } from '../lib/timeline-filter.js';
import { useFocusTarget } from '../hooks/use-focus-target.js';
import { selectTimelineView } from './timeline-view.js';

const fmt = new Intl.NumberFormat('en');

// Memoised: the timeline re-renders on every scroll frame, the filter bar only when its figures change.
export const TimelineFilterBar = memo(function TimelineFilterBar({ total, shown }: { total: number; shown: number }) {
  const filters = useWarRoom(selectFilters);
  const setFilters = useWarRoom((s) => s.setFilters);
  const view = useWarRoom(selectTimelineView)!;
  const trackChoices = useMemo(() => filterChoicesTracker(), []);
  const choices = useMemo(() => trackChoices(view.rows), [view, trackChoices]);
  const searchRef = useRef<HTMLInputElement>(null);
  useFocusTarget('timeline-search', searchRef);
  // Kind, author and status sit behind one control: on a small window every line of height is a row of log.
  const [more, setMore] = useState(false);
  const narrowing = filters.kind !== '' || filters.author !== '' || filters.status !== '';
  const showMore = more || narrowing;
  return (
    <div className="filter-bar" role="search" aria-label="Filter the timeline">
      <label className="filter-search">
        <span className="visually-hidden">Search the timeline</span>
        <input
          ref={searchRef}
          type="search"
          placeholder="Search the timeline (Ctrl+F)"
          value={filters.text}
          onChange={(e) => setFilters({ text: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && filters.text) {
              e.preventDefault();
              setFilters({ text: '' });
            }
          }}
        />
      </label>
      <button type="button" className="small" aria-expanded={showMore} aria-controls="timeline-filters" onClick={() => setMore(!showMore)}>
        Filters{narrowing ? ' (on)' : ''}
      </button>
      <div id="timeline-filters" className="filter-more" hidden={!showMore}>
        <label>
          <span className="filter-label">Kind</span>
          <select aria-label="Kind" value={filters.kind} onChange={(e) => setFilters({ kind: e.target.value as KindFilter })}>
            <option value="">All</option>
            {ENTRY_KIND_FILTERS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="filter-label">Author</span>
          <select aria-label="Author" value={filters.author} onChange={(e) => setFilters({ author: e.target.value })}>
            <option value="">Anyone</option>
            {choices.authors.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="filter-label">Status</span>
          <select aria-label="Status" value={filters.status} onChange={(e) => setFilters({ status: e.target.value })}>
            <option value="">Any</option>
            {choices.statuses.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      {isFiltering(filters) ? (
        <button type="button" className="small" onClick={() => setFilters(NO_FILTERS)}>
          Clear
        </button>
      ) : null}
      <span className="muted filter-count" aria-live="polite">
        {shown === total ? `${fmt.format(total)} entries` : `${fmt.format(shown)} of ${fmt.format(total)}`}
      </span>
    </div>
  );
});
