import './incident-dialogs.css';
import { useState, type FormEvent } from 'react';
import type { Entry, TimelineRow } from '../../src/model/incident-state.js';
import { severityDefinition } from '../../src/incident/severity-definitions.js';
import { SEVERITIES, type Severity } from '../../src/model/vocabulary.js';
import { record } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';
import { selectIncidentState } from '../state/selectors.js';
import { stillOpen } from '../lib/still-open.js';
import { hypothesisLabel, numberedHypotheses } from '../lib/hypothesis-numbers.js';
import { Dialog, FormError, SubmitOrCancel } from '../shared/Dialog.js';
import { askForStatement } from '../header/ask-for-statement.js';

const close = () => useWarRoom.getState().openDialog(null);

/**
 * Runs a save; on success closes the dialog (or opens the current-status editor when the save changed the
 * status or the severity: the statement is written for the new picture in the same step), otherwise shows why
 * (and keeps everything typed).
 */
export function useSave() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (e: FormEvent, save: () => Promise<{ ok: boolean; error?: string; changed?: string }>) => {
    e.preventDefault();
    setBusy(true);
    const r = await save();
    setBusy(false);
    if (!r.ok) setError(r.error ?? 'not saved');
    else if ('changed' in r && typeof r.changed === 'string') askForStatement(r.changed);
    else close();
  };
  return { error, setError, busy, run };
}

/** A severity change shows what each level means to this team (editable) and asks why; the reason goes in the timeline. */
export function SeverityDialog() {
  const state = useWarRoom(selectIncidentState)!;
  const arg = useWarRoom((s) => s.dialogArg);
  const [severity, setSeverity] = useState<Severity>(
    (SEVERITIES as readonly string[]).includes(arg ?? '') ? (arg as Severity) : state.severity,
  );
  const [reason, setReason] = useState('');
  const [editing, setEditing] = useState(false);
  const [definitions, setDefinitions] = useState<Record<Severity, string>>(
    () => Object.fromEntries(SEVERITIES.map((s) => [s, severityDefinition(state, s)])) as Record<Severity, string>,
  );
  const { error, setError, busy, run } = useSave();
  const save = async () => {
    for (const s of SEVERITIES) {
      const text = definitions[s].trim();
      if (text && text !== severityDefinition(state, s)) {
        const r = await record('severity.defined', { severity: s, text }, { quiet: true });
        if (!r.ok) return r;
      }
    }
    if (severity === state.severity) return { ok: true };
    if (!reason.trim()) return { ok: false, error: 'say why the severity changes: it goes in the timeline' };
    const r = await record('incident.updated', { severity, reason: reason.trim() }, { quiet: true });
    return r.ok ? { ok: true, changed: `severity ${severity}` } : r;
  };
  return (
    <Dialog title="Severity" onClose={close} labelId="severity-title" wide>
      <form className="form" onSubmit={(e) => void run(e, save)} onChange={() => setError(null)}>
        <fieldset className="severity-choices">
          <legend>Severity (now {state.severity})</legend>
          {SEVERITIES.map((s) => (
            <label key={s} className="severity-choice">
              <input
                type="radio"
                name="severity"
                value={s}
                checked={severity === s}
                onChange={() => setSeverity(s)}
                data-autofocus={severity === s ? true : undefined}
              />
              <strong>{s}</strong>
              {editing ? (
                <textarea
                  aria-label={`What ${s} means`}
                  value={definitions[s]}
                  rows={2}
                  onChange={(e) => setDefinitions({ ...definitions, [s]: e.target.value })}
                />
              ) : (
                <span>{definitions[s]}</span>
              )}
            </label>
          ))}
        </fieldset>
        <button type="button" className="small" aria-pressed={editing} onClick={() => setEditing(!editing)}>
          {editing ? 'Done editing definitions' : 'Edit the definitions'}
        </button>
        <label>
          Why{severity === state.severity ? ' (only for a change)' : ''}
          <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="card payments down for all EU customers" />
        </label>
        <FormError error={error} />
        <SubmitOrCancel label={severity === state.severity ? 'Save' : `Change to ${severity}`} busy={busy} onCancel={close} />
      </form>
    </Dialog>
  );
}

/** Resolving asks about what is still open, and records the answer with the status change. */
export function ResolveDialog() {
  const state = useWarRoom(selectIncidentState)!;
  const [open] = useState(() => stillOpen(state));
  const [answer, setAnswer] = useState('');
  const { error, busy, run } = useSave();
  const save = async () => {
    if (open.length && !answer.trim())
      return { ok: false, error: 'say what happens to what is still open: it is recorded with the resolution' };
    const reason = open.length ? `still open at resolution: ${open.join(' | ')}. Answer: ${answer.trim()}` : answer.trim() || undefined;
    const r = await record(
      'incident.updated',
      { status: 'resolved', ...(reason ? { reason: reason.slice(0, 4000) } : {}) },
      { quiet: true },
    );
    return r.ok ? { ok: true, changed: 'status resolved' } : r;
  };
  return (
    <Dialog title="Resolve the incident" onClose={close} labelId="resolve-title" wide>
      <form className="form" onSubmit={(e) => void run(e, save)}>
        {open.length ? (
          <>
            <p>Still open:</p>
            <ul className="still-open" data-testid="still-open">
              {open.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </>
        ) : (
          <p>
            Nothing is left open: every hypothesis is settled, every action finished, every affected customer told, and a final update went
            out.
          </p>
        )}
        <label>
          {open.length ? 'What happens to these? (recorded in the timeline)' : 'Anything to add? (optional)'}
          <textarea data-autofocus value={answer} onChange={(e) => setAnswer(e.target.value)} rows={3} />
        </label>
        <FormError error={error} />
        <SubmitOrCancel label="Resolve" busy={busy} onCancel={close} />
      </form>
    </Dialog>
  );
}

/** A timeline row's menu actions that need words: edit the text, retract with a reason, link an action. */
export function RowActionDialog() {
  const state = useWarRoom(selectIncidentState)!;
  const arg = useWarRoom((s) => s.dialogArg) ?? '';
  const [mode, rowId] = arg.split(':') as ['edit' | 'retract' | 'link', string];
  const row: TimelineRow | undefined = state.timeline.find((r) => r.id === rowId);
  const entry: Entry | undefined = row ? state.entries[row.entryId] : undefined;
  const [text, setText] = useState(entry?.text ?? '');
  const [reason, setReason] = useState('');
  const [links, setLinks] = useState<string[]>(entry?.kind === 'action' ? entry.links : []);
  const { error, busy, run } = useSave();
  if (!row || !entry) {
    return (
      <Dialog title="Entry" onClose={close} labelId="row-title">
        <p>That entry is not in this incident any more.</p>
      </Dialog>
    );
  }
  const hypotheses = numberedHypotheses(state).filter((h) => !h.retracted);
  const what = entry.kind === 'hypothesis' ? 'hypothesis' : entry.kind === 'action' ? 'action' : 'note';
  const title = mode === 'edit' ? `Edit the ${what}` : mode === 'retract' ? `Retract the ${what}` : 'Link the action to hypotheses';
  const save = async () => {
    if (mode === 'edit')
      return text.trim() === entry.text ? { ok: true } : record('entry.edited', { target: entry.id, text: text.trim() }, { quiet: true });
    if (mode === 'retract') {
      if (!reason.trim())
        return { ok: false, error: 'say why it is retracted: the entry stays in the log, struck through, with the reason' };
      return record('entry.retracted', { target: entry.id, reason: reason.trim() }, { quiet: true });
    }
    return record('entry.edited', { target: entry.id, links }, { quiet: true });
  };
  return (
    <Dialog title={title} onClose={close} labelId="row-title">
      <form className="form" onSubmit={(e) => void run(e, save)}>
        <p className="muted">“{entry.text}”</p>
        {mode === 'edit' ? (
          <label>
            Text
            <input data-autofocus value={text} onChange={(e) => setText(e.target.value)} />
          </label>
        ) : mode === 'retract' ? (
          <label>
            Reason
            <input data-autofocus value={reason} onChange={(e) => setReason(e.target.value)} placeholder="entered by mistake" />
          </label>
        ) : (
          <fieldset className="link-choices">
            <legend>Hypotheses this action tests</legend>
            {hypotheses.map((h) => (
              <label key={h.id} className="check">
                <input
                  type="checkbox"
                  checked={links.includes(h.id)}
                  onChange={(e) => setLinks(e.target.checked ? [...links, h.id] : links.filter((l) => l !== h.id))}
                />
                {hypothesisLabel(h.number)} {h.text}
              </label>
            ))}
          </fieldset>
        )}
        <FormError error={error} />
        <SubmitOrCancel
          label={mode === 'edit' ? 'Save edit' : mode === 'retract' ? 'Retract' : 'Save links'}
          busy={busy}
          onCancel={close}
        />
      </form>
    </Dialog>
  );
}
