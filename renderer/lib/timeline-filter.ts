import type { TimelineRow } from '../../src/model/incident-state.js';

export const ENTRY_KIND_FILTERS = [
  { value: 'hypothesis', label: 'Hypotheses' },
  { value: 'action', label: 'Actions' },
  { value: 'note', label: 'Notes' },
  { value: 'impact', label: 'Customers' },
  { value: 'draft', label: 'Customer updates' },
  { value: 'incident', label: 'Incident' },
  { value: 'other', label: 'Other' },
] as const;
export type KindFilter = (typeof ENTRY_KIND_FILTERS)[number]['value'] | '';

export interface TimelineFilters {
  kind: KindFilter;
  /** Author name; '' = anyone. */
  author: string;
  status: string;
  text: string;
}

export const NO_FILTERS: TimelineFilters = { kind: '', author: '', status: '', text: '' };

export const isFiltering = (f: TimelineFilters): boolean => f.kind !== '' || f.author !== '' || f.status !== '' || f.text.trim() !== '';

export const rowKind = (row: TimelineRow): Exclude<KindFilter, ''> => row.entryKind ?? 'other';

/** The rows that pass every filter; the same array when no filter is set (so a 50,000-row list is not copied). */
export function filterTimeline(rows: readonly TimelineRow[], f: TimelineFilters): readonly TimelineRow[] {
  if (!isFiltering(f)) return rows;
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    if (f.kind && rowKind(row) !== f.kind) return false;
    if (f.author && row.author.name !== f.author) return false;
    if (f.status && row.status !== f.status) return false;
    if (words.length) {
      const hay = `${row.text} ${row.subject ?? ''} ${row.author.name} ${row.status ?? ''}`.toLowerCase();
      for (const w of words) if (!hay.includes(w)) return false;
    }
    return true;
  });
}

export interface FilterChoices {
  authors: string[];
  statuses: string[];
}

/** Distinct authors and statuses in the rows, for the filter menus (sorted, at most `max` each). */
export function filterChoices(rows: readonly TimelineRow[], max = 200): FilterChoices {
  return filterChoicesTracker(max)(rows);
}

/**
 * filterChoices for a log that grows: the folder appends rows to the same array, so only rows not seen yet
 * are scanned (a full scan of 50,000 rows on every new entry shows). A different array (a refold, another
 * incident) starts over. A status an old row has since moved away from stays offered until then: harmless. Returns the same object while nothing new turned up, so the menus do not re-render.
 */
export function filterChoicesTracker(max = 200): (rows: readonly TimelineRow[]) => FilterChoices {
  let source: readonly TimelineRow[] | null = null;
  let scanned = 0;
  let authors = new Set<string>();
  let statuses = new Set<string>();
  let result: FilterChoices = { authors: [], statuses: [] };
  return (rows) => {
    let changed = false;
    if (rows !== source || rows.length < scanned) {
      source = rows;
      scanned = 0;
      authors = new Set();
      statuses = new Set();
      changed = true;
    }
    for (; scanned < rows.length; scanned++) {
      const row = rows[scanned]!;
      if (authors.size < max && !authors.has(row.author.name)) {
        authors.add(row.author.name);
        changed = true;
      }
      if (row.status && statuses.size < max && !statuses.has(row.status)) {
        statuses.add(row.status);
        changed = true;
      }
    }
    if (changed) result = { authors: [...authors].sort((a, b) => a.localeCompare(b)), statuses: [...statuses].sort() };
    return result;
  };
}
