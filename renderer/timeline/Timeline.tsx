import { memo, useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { IncidentState, TimelineRow } from '../../src/incident/state.js';
import { timelineLook } from '../../src/kinds/index.js';
import { useWarRoom } from '../state/store.js';
import { selectFilters, selectIncidentState, selectReadOnly } from '../state/selectors.js';
import { RowMenu } from './RowMenu.js';
import {
  ENTRY_KIND_FILTERS,
  filterChoicesTracker,
  filterTimeline,
  isFiltering,
  NO_FILTERS,
  type KindFilter,
} from '../lib/timeline-filter.js';
import { hypothesisLabel, hypothesisNumbers } from '../lib/hypothesis-numbers.js';
import { useNow } from '../hooks/use-now.js';
import { useFocusTarget } from '../hooks/use-focus-target.js';
import { StatusBadge } from '../shared/Badges.js';
import { TimeStamp } from '../shared/TimeStamp.js';

const fmt = new Intl.NumberFormat('en');
/** Keep equal to .tl-row's min-height in components.css. */
const ROW_ESTIMATE_PX = 44;

/**
 * Every event of the incident, oldest first, newest at the bottom (where the eye goes on a live call).
 * Virtualised: only the rows on screen exist in the DOM, so 50,000 entries scroll like 50. Sticks to the
 * bottom while you are there; if you scrolled up to read, new entries wait behind a "new entries" button.
 */
export function Timeline() {
  const state = useWarRoom(selectIncidentState)!;
  const readOnly = useWarRoom(selectReadOnly);
  const filters = useWarRoom(selectFilters);
  const deferred = useDeferredValue(filters);
  // The folder appends to the same array; the state object changes on every fold, so memoise on it.
  const rows = useMemo(() => filterTimeline(state.timeline, deferred), [state, deferred]);
  // One map per folded state: visible rows re-render with it, which is what shows a status or retraction the
  // fold wrote into an existing row; scrolling keeps it, so rows already on screen are not rendered again.
  const numbers = hypothesisNumbers(state);
  const now = useNow(30_000);
  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const seenCount = useRef(state.timeline.length);
  const [unseen, setUnseen] = useState(0);
  useFocusTarget('view-timeline', scrollRef);
  // Stable between renders: the virtualiser recomputes every row's offset (50,000 of them) whenever its
  // options change, and a fresh function here would count as a change on every scroll frame.
  const getItemKey = useCallback((i: number) => rows[i]!.id, [rows]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    // A one-line row exactly (the CSS gives .tl-row this min-height): most rows then measure as estimated,
    // which spares the virtualiser recomputing every later row's offset, and keeps long jumps steady.
    estimateSize: () => ROW_ESTIMATE_PX,
    overscan: 6,
    getItemKey,
  });

  // Start at the newest entry.
  useLayoutEffect(() => {
    if (rows.length) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
  }, []);

  // Follow new entries while at the bottom; otherwise count them for the button. Counted on the whole log,
  // so changing a filter is never mistaken for news.
  const total = state.timeline.length;
  useEffect(() => {
    const added = total - seenCount.current;
    seenCount.current = total;
    if (added <= 0) return;
    if (atBottom.current) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    else setUnseen((n) => n + added);
    // Runs on a change of the log's length only; rows and the virtualiser are read as they are then.
  }, [total]);

  // A new filter: show its newest matches, as the list does when it opens.
  useEffect(() => {
    if (rows.length) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    atBottom.current = true;
    setUnseen(0);
  }, [deferred]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
    if (atBottom.current && unseen) setUnseen(0);
  };

  const jumpToNewest = () => {
    virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    atBottom.current = true;
    setUnseen(0);
    scrollRef.current?.focus();
  };

  const items = virtualizer.getVirtualItems();
  return (
    <div className="timeline">
      <TimelineFilterBar total={state.timeline.length} shown={rows.length} />
      <div
        ref={scrollRef}
        className="timeline-scroll"
        tabIndex={0}
        role="region"
        aria-label={`Timeline: ${rows.length} entries; use arrow keys, Page Up/Down, Home and End to scroll`}
        onScroll={onScroll}
        onKeyDown={(e) => {
          // Home/End jump through the virtualiser: a native smooth scroll across 50,000 rows gets cut short
          // as rows are measured on the way.
          if (e.target !== e.currentTarget || rows.length === 0) return;
          if (e.key === 'Home') {
            e.preventDefault();
            virtualizer.scrollToIndex(0, { align: 'start' });
          } else if (e.key === 'End') {
            e.preventDefault();
            jumpToNewest();
          }
        }}
        data-testid="timeline-scroll"
      >
        {rows.length === 0 ? (
          <p className="empty muted">{isFiltering(filters) ? 'No entries match these filters.' : 'Nothing recorded yet.'}</p>
        ) : (
          <ol className="timeline-list" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => (
              <li
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="tl-item"
                style={{ transform: `translateY(${item.start}px)` }}
                aria-setsize={rows.length}
                aria-posinset={item.index + 1}
              >
                <TimelineEntry
                  row={rows[item.index]!}
                  numbers={numbers}
                  now={now}
                  owner={ownerOf(state, rows[item.index]!)}
                  pinned={state.keyEvents[rows[item.index]!.id] !== undefined}
                  editable={!readOnly && isLiveEntryRow(state, rows[item.index]!)}
                  readOnly={readOnly}
                />
              </li>
            ))}
          </ol>
        )}
      </div>
      {unseen > 0 ? (
        <button type="button" className="new-entries" onClick={jumpToNewest}>
          {unseen} new entr{unseen === 1 ? 'y' : 'ies'} ↓
        </button>
      ) : null}
    </div>
  );
}

// Memoised: the timeline re-renders on every scroll frame, the filter bar only when its figures change.
const TimelineFilterBar = memo(function TimelineFilterBar({ total, shown }: { total: number; shown: number }) {
  const filters = useWarRoom(selectFilters);
  const setFilters = useWarRoom((s) => s.setFilters);
  const state = useWarRoom(selectIncidentState)!;
  const trackChoices = useMemo(() => filterChoicesTracker(), []);
  const choices = useMemo(() => trackChoices(state.timeline), [state, trackChoices]);
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

function describe(row: TimelineRow, numbers: Map<string, number>): { label: string; ref?: string; isChange: boolean } {
  const look = timelineLook(row.kind);
  const ref = look.ref && numbers.has(row.entryId) ? hypothesisLabel(numbers.get(row.entryId)!) : undefined;
  return { label: look.label, ref, isChange: look.change === true };
}

/** The owner of the action a row adds (shown in the row: who is on it). */
function ownerOf(state: IncidentState, row: TimelineRow): string | undefined {
  if (row.kind !== 'action.added') return undefined;
  return state.entries[row.entryId]?.owner;
}

/** A row that adds a hypothesis, action or note still live: it can be edited, retracted, linked. */
function isLiveEntryRow(state: IncidentState, row: TimelineRow): boolean {
  if (row.kind !== 'hypothesis.added' && row.kind !== 'action.added' && row.kind !== 'note.added') return false;
  return state.entries[row.entryId]?.retracted === null;
}

interface EntryProps {
  row: TimelineRow;
  numbers: Map<string, number>;
  now: number;
  owner: string | undefined;
  pinned: boolean;
  editable: boolean;
  readOnly: boolean;
}

const TimelineEntry = memo(function TimelineEntry({ row, numbers, now, owner, pinned, editable, readOnly }: EntryProps) {
  const { label, ref, isChange } = describe(row, numbers);
  const links = row.links?.map((id) => (numbers.has(id) ? hypothesisLabel(numbers.get(id)!) : '?')) ?? [];
  return (
    <article
      className={`tl-row kind-${row.entryKind ?? 'other'} ${row.retracted ? 'retracted' : ''}`}
      aria-label={`${label}${ref ? ` ${ref}` : ''} by ${row.author.name}`}
    >
      <div className="tl-meta">
        <TimeStamp at={row.at} now={now} showClock />
        <span className="tl-author">{row.author.name}</span>
      </div>
      <div className="tl-body">
        <span className="tl-kind">
          {label}
          {ref ? ` ${ref}` : ''}
        </span>
        {row.status ? <StatusBadge status={row.status} className="tl-status" /> : null}
        {isChange && row.subject ? <span className="tl-subject">{row.subject}</span> : null}
        {row.text ? <span className="tl-text">{isChange ? `— ${row.text}` : row.text}</span> : null}
        {owner ? <span className="tl-owner">@{owner}</span> : null}
        {links.length ? <span className="tl-links">tests {links.join(', ')}</span> : null}
        {row.retracted ? <span className="tl-retracted"> (retracted)</span> : null}
        {pinned ? <span className="pin-mark">★ key event</span> : null}
      </div>
      {readOnly ? null : <RowMenu row={row} label={`${label}${ref ? ` ${ref}` : ''}`} pinned={pinned} editable={editable} />}
    </article>
  );
});
