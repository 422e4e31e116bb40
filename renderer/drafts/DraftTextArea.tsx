import { useMemo, type ReactNode } from 'react';
import type { Finding } from '../../src/comms/linter/index.js';
import type { CoEditing } from './use-co-edited-draft.js';

/** The text split at the findings' edges, each finding's span marked with its worst severity. */
function highlighted(text: string, findings: readonly Finding[]): ReactNode[] {
  // Whole-text findings ("no next update anywhere") would paint everything: they are listed, not marked.
  const spans = findings.filter((f) => f.end > f.start && !(f.start === 0 && f.end === text.length));
  if (spans.length === 0) return [text, '\n'];
  const cuts = [...new Set([0, text.length, ...spans.flatMap((f) => [Math.min(f.start, text.length), Math.min(f.end, text.length)])])].sort(
    (a, b) => a - b,
  );
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const out: ReactNode[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const [from, to] = [cuts[i]!, cuts[i + 1]!];
    if (from === to) continue;
    const covering = spans.filter((f) => f.start <= from && f.end >= to);
    const piece = text.slice(from, to);
    if (covering.length === 0) out.push(piece);
    else {
      const worst = covering.reduce((a, b) => (rank[b.severity] < rank[a.severity] ? b : a));
      out.push(
        <mark key={from} className={`lint-mark lint-${worst.severity}`}>
          {piece}
        </mark>,
      );
    }
  }
  // A trailing newline needs a character after it to take up its line, as it does in the textarea.
  out.push('\n');
  return out;
}

/**
 * The draft's textarea with the linter's findings underlined behind it: a backdrop with the same text,
 * font and wrapping, where each finding's span is marked. The backdrop is decoration (aria-hidden); the
 * findings themselves are listed, with their quotes, in the findings panel.
 */
export function DraftTextArea({ co, findings, describedBy }: { co: CoEditing; findings: readonly Finding[]; describedBy?: string }) {
  const marks = useMemo(() => highlighted(co.text, findings), [co.text, findings]);
  return (
    <div className="draft-field">
      <div className="draft-backdrop" aria-hidden="true">
        {marks}
      </div>
      <textarea
        ref={co.areaRef}
        className="draft-text"
        aria-label="Draft text"
        aria-describedby={describedBy}
        onInput={co.onInput}
        onCompositionStart={co.onCompositionStart}
        onCompositionEnd={co.onCompositionEnd}
        onBlur={() => void co.flush()}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void co.flush();
          }
        }}
        rows={10}
        spellCheck
      />
    </div>
  );
}
