import { memo } from 'react';
import type { TimelineRow } from '../../src/model/incident-state.js';
import { timelineLook } from '../../src/kinds/index.js';
import { hypothesisLabel } from '../lib/hypothesis-numbers.js';
import { StatusBadge } from '../shared/Badges.js';
import { TimeStamp } from '../shared/TimeStamp.js';
import { RowMenu } from './RowMenu.js';
import { authorTag, authorWithTag } from '../../src/incident/authors.js';
import { shortFingerprint } from '../../src/model/identity.js';
import type { Member } from '../../src/model/name-confusables.js';

function describe(row: TimelineRow, numbers: Map<string, number>): { label: string; ref?: string; isChange: boolean } {
  const look = timelineLook(row.kind);
  const ref = look.ref && numbers.has(row.entryId) ? hypothesisLabel(numbers.get(row.entryId)!) : undefined;
  return { label: look.label, ref, isChange: look.change === true };
}

interface EntryProps {
  row: TimelineRow;
  /** Other authors whose name is, or looks like, this row's author's (src/model/name-confusables.ts). */
  lookalikes: readonly Member[] | undefined;
  numbers: Map<string, number>;
  now: number;
  owner: string | undefined;
  pinned: boolean;
  readOnly: boolean;
}

/**
 * The author as people can tell them apart: the name, then the key's short fingerprint (the full id on hover),
 * "unverified" when nothing proves they wrote the row, and a warning when another key writes under the same or
 * a lookalike name.
 */
function Author({ row, lookalikes }: { row: TimelineRow; lookalikes: readonly Member[] | undefined }) {
  const tag = authorTag(row.author, row.unverified);
  const others = lookalikes?.map((o) => `${o.name} (${shortFingerprint(o.id) ?? o.id})`).join(', ');
  return (
    <>
      <span className="tl-author" title={`${row.author.name}: key ${tag}, id ${row.author.id}`}>
        {row.author.name}
      </span>
      <span className={`tl-key${row.unverified ? ' unverified' : ''}`} title={`id ${row.author.id}`}>
        {tag}
      </span>
      {others ? (
        <span className="tl-lookalike" title={`Another key writes as ${others}: not the same person`}>
          ⚠ lookalike
        </span>
      ) : null}
    </>
  );
}

export const TimelineEntry = memo(function TimelineEntry({ row, lookalikes, numbers, now, owner, pinned, readOnly }: EntryProps) {
  const { label, ref, isChange } = describe(row, numbers);
  const links = row.links?.map((id) => (numbers.has(id) ? hypothesisLabel(numbers.get(id)!) : '?')) ?? [];
  return (
    <article
      className={`tl-row kind-${row.entryKind ?? 'other'} ${row.retracted ? 'retracted' : ''}`}
      aria-label={`${label}${ref ? ` ${ref}` : ''} by ${authorWithTag(row.author, row.unverified)}${lookalikes ? ', whose name another key also uses' : ''}`}
    >
      <div className="tl-meta">
        <TimeStamp at={row.at} now={now} showClock />
        <Author row={row} lookalikes={lookalikes} />
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
      {readOnly ? null : <RowMenu row={row} label={`${label}${ref ? ` ${ref}` : ''}`} pinned={pinned} />}
    </article>
  );
});
