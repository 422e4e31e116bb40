import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TimelineRow } from '../../src/model/incident-state.js';
import type { TimelineFilters } from '../lib/timeline-filter.js';

/** Keep equal to .tl-row's min-height in timeline.css. */
const ROW_ESTIMATE_PX = 44;

/**
 * The timeline's virtualiser and where it is scrolled: starts at the newest entry, follows new entries while
 * the person is at the bottom, counts them for the "new entries" button otherwise, and jumps on Home and End.
 */
export function useTimelineScroll(
  scrollRef: RefObject<HTMLDivElement | null>,
  rows: readonly TimelineRow[],
  total: number,
  filters: TimelineFilters,
) {
  const atBottom = useRef(true);
  const seenCount = useRef(total);
  const [unseen, setUnseen] = useState(0);
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
  }, [filters]);

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

  // Home/End jump through the virtualiser: a native smooth scroll across 50,000 rows gets cut short as rows
  // are measured on the way.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || rows.length === 0) return;
    if (e.key === 'Home') {
      e.preventDefault();
      virtualizer.scrollToIndex(0, { align: 'start' });
    } else if (e.key === 'End') {
      e.preventDefault();
      jumpToNewest();
    }
  };

  return { virtualizer, unseen, onScroll, onKeyDown, jumpToNewest };
}
