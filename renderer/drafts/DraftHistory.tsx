import { useMemo, useState } from 'react';
import type { TextEdit } from '../../src/comms/draft-text.js';
import { useWarRoom } from '../state/store.js';
import { useNow } from '../hooks/use-now.js';
import { describeRevision, draftRevisions, draftTextAt } from '../lib/draft-history.js';
import { diffAtCaret } from '../lib/text-diff.js';
import { TimeStamp } from '../shared/TimeStamp.js';

/**
 * Who did what to the draft and when (stretches of editing, review steps), and the text as it stood after
 * any of them, replayed from the log's Yjs updates. An older version can be restored: that is one more
 * edit, merged like any keystroke, so nobody's later work is silently thrown away by someone else's undo.
 */
export function DraftHistory({
  draftId,
  currentText,
  onRestore,
}: {
  draftId: string;
  currentText: string;
  onRestore?: (edit: TextEdit) => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <details className="draft-history" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>History and versions</summary>
      {open ? <HistoryList draftId={draftId} currentText={currentText} onRestore={onRestore} /> : null}
    </details>
  );
}

function HistoryList({ draftId, currentText, onRestore }: { draftId: string; currentText: string; onRestore?: (edit: TextEdit) => void }) {
  const state = useWarRoom((s) => s.incidentState);
  const folder = useWarRoom((s) => s.folder);
  const now = useNow(30_000);
  // The folder's events change with the state: recompute when it does.
  const revisions = useMemo(() => (folder && state ? draftRevisions(folder.events, draftId) : []), [folder, state, draftId]);
  const [chosen, setChosen] = useState<string | null>(null);
  const shown = chosen ?? revisions[revisions.length - 1]?.id ?? null;
  const text = useMemo(() => (folder && shown ? draftTextAt(folder.events, draftId, shown) : ''), [folder, shown, draftId]);
  const isCurrent = text === currentText;

  if (revisions.length === 0) return <p className="muted">No history yet.</p>;
  return (
    <div className="history">
      <ol className="history-list" aria-label="Versions">
        {revisions.map((r) => (
          <li key={r.id}>
            <button type="button" className={`history-item kind-${r.kind}`} aria-pressed={r.id === shown} onClick={() => setChosen(r.id)}>
              <span>{describeRevision(r)}</span>
              <span className="muted small-text">
                <TimeStamp at={r.to} now={now} />
                {r.note ? ` · “${r.note}”` : ''}
              </span>
            </button>
          </li>
        ))}
      </ol>
      <div className="history-text">
        <p className="small-text muted" aria-live="polite">
          {isCurrent ? 'This is the text as it stands now.' : 'The text as it stood then:'}
        </p>
        <pre className="published-text" data-testid="history-text">
          {text || ' '}
        </pre>
        {onRestore && !isCurrent ? (
          <button
            type="button"
            onClick={() => {
              const edit = diffAtCaret(currentText, text);
              if (edit) onRestore(edit);
              setChosen(null);
            }}
          >
            Restore this version
          </button>
        ) : null}
      </div>
    </div>
  );
}
