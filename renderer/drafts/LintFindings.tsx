import type { Finding } from '../../src/comms/linter/index.js';
import type { TextEdit } from '../../src/comms/draft-text.js';
import { fixFor, type FixValues } from '../lib/lint-fixes.js';

const SEVERITY_WORDS = { error: 'Error', warning: 'Warning', info: 'Note' } as const;

/**
 * The linter's findings for the text as typed: severity in words (not colour alone), the quoted words
 * (a button that selects them in the text), why customers mind, how to fix it, and a Fix button where the
 * fix is mechanical. Findings update on every keystroke, teammates' included.
 */
export function LintFindings({
  text,
  findings,
  values,
  onShow,
  onFix,
}: {
  text: string;
  findings: readonly Finding[];
  values: FixValues;
  onShow: (start: number, end: number) => void;
  onFix: (edit: TextEdit) => void;
}) {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const summary =
    findings.length === 0
      ? 'Nothing to fix: it says what, since when, who, and when the next update comes.'
      : [plural(counts.error, 'error'), plural(counts.warning, 'warning'), plural(counts.info, 'note')].filter(Boolean).join(', ');
  return (
    // Focusable: the panel scrolls on its own when the findings are many, and the keyboard must reach all of them.
    <section className="lint" aria-labelledby="lint-title" tabIndex={0}>
      <h3 id="lint-title" className="lint-title">
        Linter <span className="lint-summary">{summary}</span>
      </h3>
      {findings.length ? (
        <ul className="findings" aria-label="Linter findings">
          {findings.map((f, i) => {
            const whole = f.start === 0 && f.end === text.length;
            const quote = text.slice(f.start, f.end);
            const fix = fixFor(f, text, values);
            return (
              <li key={`${f.rule}-${f.start}-${i}`} className={`finding finding-${f.severity}`}>
                <div className="finding-head">
                  <span className={`finding-severity sev-${f.severity}`}>{SEVERITY_WORDS[f.severity]}</span>
                  <span className="mono finding-rule">{f.rule}</span>
                  {whole ? (
                    <span className="muted small-text">the whole text</span>
                  ) : (
                    <button
                      type="button"
                      className="link-button finding-quote"
                      onClick={() => onShow(f.start, f.end)}
                      aria-label={`Show “${clip(quote)}” in the text`}
                    >
                      “{clip(quote)}”
                    </button>
                  )}
                </div>
                <p className="finding-message">{f.message}</p>
                <p className="finding-suggestion">
                  <span className="fact-label">How to fix:</span> {f.suggestion}
                </p>
                {fix ? (
                  <button type="button" className="small finding-fix" onClick={() => onFix(fix.edit)}>
                    Fix: {fix.label}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}

const clip = (s: string, n = 60): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const plural = (n: number, word: string): string => (n === 0 ? '' : `${n} ${word}${n === 1 ? '' : 's'}`);
