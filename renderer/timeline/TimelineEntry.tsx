import { memo } from 'react';
import type { TimelineRow } from '../../src/model/incident-state.js';
import { timelineLook } from '../../src/kinds/index.js';
import { hypothesisLabel } from '../lib/hypothesis-numbers.js';
import { StatusBadge } from '../shared/Badges.js';
import { TimeStamp } from '../shared/TimeStamp.js';
import { RowMenu } from './RowMenu.js';

function describe(row: TimelineRow, numbers: Map<string, number>): { label: string; ref?: string; isChange: boolean } {
  const look = timelineLook(row.kind);
  const ref = look.ref && numbers.has(row.entryId) ? hypothesisLabel(numbers.get(row.entryId)!) : undefined;
  return { label: look.label, ref, isChange: look.change === true };
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

export const TimelineEntry = memo(function TimelineEntry({ row, numbers, now, owner, pinned, editable, readOnly }: EntryProps) {
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
