import { useState } from 'react';
import { record } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';
import { selectIncidentState } from '../state/selectors.js';
import { Dialog, FormError, SubmitOrCancel } from '../shared/Dialog.js';
import { useSave } from './IncidentDialogs.js';

const close = () => useWarRoom.getState().openDialog(null);

/**
 * A new version of the current status statement: impact, what we are doing, when the next update comes. Opened
 * by hand, or right after the status or severity changed (the dialog's arg says what changed): then it starts
 * from the last text and offers to keep it as it is, on purpose, which also clears the "stale" mark.
 */
export function StatusStatementDialog() {
  const state = useWarRoom(selectIncidentState)!;
  const changed = useWarRoom((s) => s.dialogArg);
  const current = state.statementHistory[state.statementHistory.length - 1];
  const [impact, setImpact] = useState(current?.impact ?? '');
  const [doing, setDoing] = useState(current?.doing ?? '');
  const [next, setNext] = useState(current?.next ?? '');
  const { error, busy, run } = useSave();
  const keep = () => record('status.statement', { impact: current!.impact, doing: current!.doing, next: current!.next }, { quiet: true });
  return (
    <Dialog title="Current status" onClose={close} labelId="statement-title">
      <form className="form" onSubmit={(e) => void run(e, () => record('status.statement', { impact, doing, next }, { quiet: true }))}>
        {changed ? (
          <p className="statement-prompt" data-testid="statement-prompt">
            The {changed.replace(/^(status|severity) /, '$1 is now ')}. Does the current status still say what is true? Write it for the new
            picture{current ? ', or keep it as it is' : ''}.
          </p>
        ) : null}
        <label>
          Impact: what is broken, for whom
          <textarea data-autofocus value={impact} onChange={(e) => setImpact(e.target.value)} rows={2} />
        </label>
        <label>
          What we are doing
          <textarea value={doing} onChange={(e) => setDoing(e.target.value)} rows={2} />
        </label>
        <label>
          Next update
          <input value={next} onChange={(e) => setNext(e.target.value)} placeholder="by 14:30 UTC, or sooner if anything changes" />
        </label>
        <p className="muted">Saved as version {(current?.version ?? 0) + 1}; earlier versions stay in the timeline.</p>
        <FormError error={error} />
        <SubmitOrCancel label="Save status" busy={busy} onCancel={close} />
        {changed && current ? (
          <button type="button" className="keep-statement" disabled={busy} onClick={(e) => void run(e, keep)}>
            Keep v{current.version} as it is
          </button>
        ) : null}
      </form>
    </Dialog>
  );
}

/** Renaming the incident: one of its facts, kept by the commander (or deputy) and the scribe like the others. */
export function RenameDialog() {
  const state = useWarRoom(selectIncidentState)!;
  const [title, setTitle] = useState(state.title);
  const { error, busy, run } = useSave();
  const save = () =>
    title.trim() === state.title ? Promise.resolve({ ok: true }) : record('incident.updated', { title: title.trim() }, { quiet: true });
  return (
    <Dialog title="Rename the incident" onClose={close} labelId="rename-title">
      <form className="form" onSubmit={(e) => void run(e, save)}>
        <label>
          Title
          <input data-autofocus value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
        </label>
        <p className="muted">Everyone sees the new title at once; the old one stays in the timeline.</p>
        <FormError error={error} />
        <SubmitOrCancel label="Rename" busy={busy} onCancel={close} />
      </form>
    </Dialog>
  );
}
