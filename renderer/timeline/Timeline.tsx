import './timeline.css';
import { useDeferredValue, useMemo, useRef } from 'react';
import { useWarRoom } from '../state/store.js';
import { selectFilters, selectReadOnly } from '../state/selectors.js';
import { filterTimeline, isFiltering } from '../lib/timeline-filter.js';
import { useNow } from '../hooks/use-now.js';
import { useFocusTarget } from '../hooks/use-focus-target.js';
import { ownerOf, selectTimelineView } from './timeline-view.js';
import { useTimelineScroll } from './use-timeline-scroll.js';
import { TimelineFilterBar } from './TimelineFilterBar.js';
import { TimelineEntry } from './TimelineEntry.js';
import { lookalikeMembers } from '../../src/model/name-confusables.js';

/**
 * Every event of the incident, oldest first, newest at the bottom (where the eye goes on a live call).
 * Virtualised: only the rows on screen exist in the DOM, so 50,000 entries scroll like 50. Sticks to the
 * bottom while you are there; if you scrolled up to read, new entries wait behind a "new entries" button.
 */
export function Timeline() {
  const view = useWarRoom(selectTimelineView)!;
  const readOnly = useWarRoom(selectReadOnly);
  const filters = useWarRoom(selectFilters);
  const deferred = useDeferredValue(filters);
  // The folder appends to the same array; the view is a new object whenever a row is added, so memoise on it.
  const rows = useMemo(() => filterTimeline(view.rows, deferred), [view, deferred]);
  const lookalikes = useMemo(() => lookalikeMembers(view.rows.map((r) => r.author)), [view]);
  const now = useNow(30_000);
  const scrollRef = useRef<HTMLDivElement>(null);
  useFocusTarget('view-timeline', scrollRef);
  const { virtualizer, unseen, onScroll, onKeyDown, jumpToNewest } = useTimelineScroll(scrollRef, rows, view.total, deferred);

  const items = virtualizer.getVirtualItems();
  return (
    <div className="timeline">
      <TimelineFilterBar total={view.total} shown={rows.length} />
      <div
        ref={scrollRef}
        className="timeline-scroll"
        tabIndex={0}
        role="region"
        aria-label={`Timeline: ${rows.length} entries; use arrow keys, Page Up/Down, Home and End to scroll`}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
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
                  lookalikes={lookalikes.get(rows[item.index]!.author.id)}
                  numbers={view.numbers}
                  now={now}
                  owner={ownerOf(view, rows[item.index]!)}
                  pinned={view.keyEvents[rows[item.index]!.id] !== undefined}
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
