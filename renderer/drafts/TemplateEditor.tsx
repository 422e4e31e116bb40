import { useMemo, useRef, useState } from 'react';
import { TEMPLATE_KEYS, type TemplateKey } from '../../src/model/vocabulary.js';
import {
  DEFAULT_TEMPLATES,
  fillPlaceholders,
  PLACEHOLDERS,
  placeholderValues,
  templateBody,
  TEMPLATE_FOR_STATUS,
  type Placeholder,
} from '../../src/comms/templates.js';
import { lintUpdate } from '../../src/comms/linter/index.js';
import { createDraft, saveTemplate } from '../state/drafts.js';
import { useWarRoom } from '../state/store.js';
import { selectIncidentState } from '../state/selectors.js';
import { useNow } from '../hooks/use-now.js';
import { TEMPLATE_LABELS } from '../lib/draft-labels.js';
import { localTimeZone } from '../lib/time-zone.js';
import { FormError } from '../shared/Dialog.js';

/**
 * The team's templates, one per status plus the postmortem summary: edit the body, insert placeholders,
 * and see it rendered for this incident, linted, before saving. Saved templates are events (template.saved),
 * so every teammate's next draft starts from them.
 */
export function TemplateEditor({ onClose }: { onClose: () => void }) {
  const state = useWarRoom(selectIncidentState)!;
  const [key, setKey] = useState<TemplateKey>(TEMPLATE_FOR_STATUS[state.status]);
  return (
    <div className="template-editor">
      <div className="draft-head">
        <h2 className="column-title">Templates</h2>
        <button type="button" onClick={onClose}>
          Back to the drafts
        </button>
      </div>
      <div className="template-tabs" role="group" aria-label="Template">
        {TEMPLATE_KEYS.map((k) => (
          <button key={k} type="button" aria-pressed={k === key} className={k === key ? 'selected' : ''} onClick={() => setKey(k)}>
            {TEMPLATE_LABELS[k]}
            {state.templates[k] !== undefined ? ' · edited' : ''}
          </button>
        ))}
      </div>
      <TemplateBody key={key} templateKey={key} onDraftStarted={onClose} />
    </div>
  );
}

function TemplateBody({ templateKey, onDraftStarted }: { templateKey: TemplateKey; onDraftStarted: () => void }) {
  const state = useWarRoom(selectIncidentState)!;
  const saved = templateBody(state, templateKey);
  // `base` is the saved text this edit started from: a teammate saving meanwhile is noticed, not overwritten silently.
  const [base, setBase] = useState(saved);
  const [body, setBody] = useState(saved);
  if (saved !== base && body === base) {
    setBase(saved);
    setBody(saved);
  }
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const areaRef = useRef<HTMLTextAreaElement>(null);
  const now = useNow(60_000);
  const tz = localTimeZone();
  const values = useMemo(
    () => placeholderValues(state, { now, tz }, templateKey === 'postmortem' ? 'resolved' : templateKey),
    [state, now, tz, templateKey],
  );
  const preview = fillPlaceholders(body, values);
  const affected = state.impactOrder.filter((id) => state.impacts[id]?.retracted === null).length;
  const findings = useMemo(
    () => lintUpdate(preview, { status: templateKey === 'postmortem' ? 'resolved' : templateKey, affectedCustomers: affected }),
    [preview, templateKey, affected],
  );
  const dirty = body !== saved;
  const overtaken = saved !== base;
  const isDefault = body === DEFAULT_TEMPLATES[templateKey];

  const insert = (name: Placeholder) => {
    const area = areaRef.current;
    const token = `{${name}}`;
    const start = area?.selectionStart ?? body.length;
    const end = area?.selectionEnd ?? body.length;
    const next = body.slice(0, start) + token + body.slice(end);
    setBody(next);
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + token.length, start + token.length);
    });
  };
  const save = async (text: string) => {
    const r = await saveTemplate(templateKey, text);
    if (r.ok) setBase(text);
    setError(r.ok ? null : r.error);
    setNotice(r.ok ? `Saved: new ${TEMPLATE_LABELS[templateKey].toLowerCase()} drafts start from it, for everyone in the room.` : null);
  };

  return (
    <div className="template-body">
      <div className="template-columns">
        <div>
          <label className="draft-text-label">
            Template text
            <textarea ref={areaRef} className="template-text" value={body} onChange={(e) => setBody(e.target.value)} rows={12} spellCheck />
          </label>
          <p className="small-text muted" id="placeholders-hint">
            Placeholders, filled from the incident when a draft starts (click to insert at the cursor):
          </p>
          <ul className="placeholder-list" aria-describedby="placeholders-hint">
            {(Object.keys(PLACEHOLDERS) as Placeholder[]).map((p) => (
              <li key={p}>
                <button type="button" className="small" onClick={() => insert(p)} title={PLACEHOLDERS[p]}>
                  {`{${p}}`}
                </button>
              </li>
            ))}
          </ul>
          <details className="placeholder-help">
            <summary className="small-text">What each placeholder holds</summary>
            <dl>
              {(Object.keys(PLACEHOLDERS) as Placeholder[]).map((p) => (
                <div key={p}>
                  <dt>{`{${p}}`}</dt>
                  <dd>{PLACEHOLDERS[p]}</dd>
                </div>
              ))}
            </dl>
          </details>
        </div>
        <div>
          <h3 className="lint-title">Preview for this incident</h3>
          <pre className="published-text" data-testid="template-preview">
            {preview}
          </pre>
          <p className={`small-text ${findings.some((f) => f.severity === 'error') ? 'has-errors' : 'muted'}`}>
            {findings.length === 0
              ? 'The linter finds nothing to fix in the preview.'
              : `The linter finds ${findings.length} thing${findings.length === 1 ? '' : 's'} to look at: ${[...new Set(findings.map((f) => f.rule))].join(', ')}.`}
          </p>
        </div>
      </div>
      <FormError error={error} />
      {overtaken && dirty ? (
        <p className="small-text gate-reason" role="status">
          A teammate saved this template while you were editing it: saving yours replaces theirs (“Undo changes” shows theirs).
        </p>
      ) : null}
      {notice ? (
        <p className="small-text" role="status">
          {notice}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="button" className="primary" disabled={!dirty} onClick={() => void save(body)}>
          Save template
        </button>
        <button
          type="button"
          disabled={!dirty}
          onClick={() => {
            setBase(saved);
            setBody(saved);
          }}
        >
          Undo changes
        </button>
        <button
          type="button"
          disabled={isDefault}
          onClick={() => void save(DEFAULT_TEMPLATES[templateKey]).then(() => setBody(DEFAULT_TEMPLATES[templateKey]))}
        >
          Back to the default
        </button>
        <button
          type="button"
          disabled={dirty}
          title={dirty ? 'Save the template first' : undefined}
          onClick={() =>
            void createDraft({ audience: 'affected', channel: 'status-page', template: templateKey }).then((r) =>
              r.ok ? onDraftStarted() : setError(r.error),
            )
          }
        >
          Start a draft from it
        </button>
      </div>
    </div>
  );
}
