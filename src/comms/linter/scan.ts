import type { Finding, LintDoc, LintRule, Sentence } from './types.js';

export interface Match {
  start: number;
  end: number;
  text: string;
}

/** Every match of a global regex in text, with offsets. */
export function findAll(re: RegExp, text: string, offset = 0): Match[] {
  if (!re.global) throw new Error(`findAll needs a global regex: ${re}`);
  const out: Match[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push({ start: offset + m.index, end: offset + m.index + m[0].length, text: m[0] });
  }
  return out;
}

// Abbreviations whose full stop does not end a sentence.
const NOT_AN_END = /(?:\b(?:e\.g|i\.e|etc|approx|vs|no|a\.m|p\.m|Mr|Ms|Mrs|Dr|St)\.)$/i;

/**
 * Splits text into sentences: at . ! ? followed by a space or the end, and at every line break (status-page
 * updates are often "Label: value" lines, each a statement of its own).
 */
export function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const push = (end: number): void => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ start: s, end: e, text: text.slice(s, e) });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') push(i + 1);
    else if ((ch === '.' || ch === '!' || ch === '?') && (i + 1 === text.length || /\s/.test(text[i + 1]!))) {
      if (ch === '.' && NOT_AN_END.test(text.slice(Math.max(0, i - 6), i + 1))) continue;
      push(i + 1);
    }
  }
  push(text.length);
  return out;
}

export function lintDoc(text: string): LintDoc {
  return { text, sentences: sentences(text) };
}

/** The sentence holding an offset (the last one when the offset is past the end). */
export function sentenceAt(doc: LintDoc, offset: number): Sentence {
  return doc.sentences.find((s) => offset >= s.start && offset < s.end) ?? doc.sentences[doc.sentences.length - 1] ?? { start: 0, end: 0, text: '' };
}

/** Builds findings for every phrase match of one rule, letting the rule veto a match or word it by what matched. */
export function phraseFindings(
  rule: Pick<LintRule, 'id' | 'severity'>,
  doc: LintDoc,
  patterns: readonly RegExp[],
  describe: (m: Match, sentence: Sentence) => { message: string; suggestion: string } | null,
): Finding[] {
  const out: Finding[] = [];
  const seen: Match[] = [];
  for (const re of patterns) {
    for (const m of findAll(re, doc.text)) {
      // Two patterns matching overlapping words are one finding, not two.
      if (seen.some((s) => m.start < s.end && s.start < m.end)) continue;
      const said = describe(m, sentenceAt(doc, m.start));
      if (!said) continue;
      seen.push(m);
      out.push({ rule: rule.id, severity: rule.severity, start: m.start, end: m.end, ...said });
    }
  }
  return out;
}

/** A finding about something the whole text lacks. */
export function wholeText(rule: Pick<LintRule, 'id' | 'severity'>, doc: LintDoc, message: string, suggestion: string): Finding {
  return { rule: rule.id, severity: rule.severity, start: 0, end: doc.text.length, message, suggestion };
}

/** 1-based line and column of an offset, for editors and the CLI. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(0, offset), text.length);
  for (let i = 0; i < end; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: end - lineStart + 1 };
}
