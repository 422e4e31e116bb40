import { REGEX_TIMES } from './time-expressions.js';
import type { Finding, LintDoc, LintRule, Sentence, TimeReader } from './types.js';

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

// Abbreviations whose full stop the segmenter takes for the end of a sentence ("Mr. Smith", "approx. 20").
const NOT_AN_END = /(?:^|[\s(])(?:e\.g|i\.e|etc|approx|vs|no|Mr|Ms|Mrs|Dr|St|incl|ca)\.\s*$/i;

const SEGMENTER = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * Splits text into sentences with Intl.Segmenter (Unicode's sentence rules: "3 p.m. today" and "e.g. card" stay
 * whole), then at every line break, because status-page updates are often "Label: value" lines, each a
 * statement of its own. Offsets are kept, trimmed of surrounding white space.
 */
export function sentences(text: string): Sentence[] {
  const raw: { start: number; end: number }[] = [];
  for (const seg of SEGMENTER.segment(text)) {
    const prev = raw[raw.length - 1];
    const end = seg.index + seg.segment.length;
    // Only the last few characters can hold an abbreviation: test those, not the whole sentence again.
    const tail = prev ? text.slice(Math.max(prev.start, prev.end - 12), prev.end) : '';
    if (prev && NOT_AN_END.test(tail) && !tail.includes('\n')) prev.end = end;
    else raw.push({ start: seg.index, end });
  }
  const out: Sentence[] = [];
  const push = (from: number, to: number): void => {
    let s = from;
    let e = to;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > s) out.push({ start: s, end: e, text: text.slice(s, e) });
  };
  for (const { start, end } of raw) {
    let lineStart = start;
    for (let nl = text.indexOf('\n', start); nl !== -1 && nl < end; nl = text.indexOf('\n', nl + 1)) {
      push(lineStart, nl);
      lineStart = nl + 1;
    }
    push(lineStart, end);
  }
  return out;
}

// White space as /\s/ sees it, by code: this runs for every character of every keystroke's lint.
const isSpace = (c: number): boolean =>
  c === 32 ||
  (c >= 9 && c <= 13) ||
  c === 0xa0 ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0xfeff ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x1680 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000;

export function lintDoc(text: string, times: TimeReader = REGEX_TIMES): LintDoc {
  return { text, sentences: sentences(text), times };
}

/** The sentence holding an offset (the last one when the offset is past the end). */
export function sentenceAt(doc: LintDoc, offset: number): Sentence {
  return (
    doc.sentences.find((s) => offset >= s.start && offset < s.end) ??
    doc.sentences[doc.sentences.length - 1] ?? { start: 0, end: 0, text: '' }
  );
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
