import type { TimelineRow } from '../../src/incident/state.js';

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

/** Distinct authors and statuses in the rows, for the filter menus (sorted, at most `max` each). */
export function filterChoices(rows: readonly TimelineRow[], max = 200): { authors: string[]; statuses: string[] } {
  const authors = new Set<string>();
  const statuses = new Set<string>();
  for (const row of rows) {
    if (authors.size < max) authors.add(row.author.name);
    if (row.status && statuses.size < max) statuses.add(row.status);
  }
  return { authors: [...authors].sort((a, b) => a.localeCompare(b)), statuses: [...statuses].sort() };
}
