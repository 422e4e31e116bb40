/**
 * Escaping for user text in generated Markdown (CommonMark + GFM, as marked and GitHub read it). User text must
 * stay text: it can never open a heading, list, quote, table row, code block, link, HTML tag or entity.
 */

// Characters with inline meaning anywhere in a line. `#` too: escaping it everywhere is cheaper than tracking
// where a line of a table cell or list item starts.
const INLINE = /[\\`*_[\]<>|~&#]/g;
// Characters that only mean something at the start of a line: list bullets, setext underlines, quotes, ordered lists.
const LINE_START = /^([+\-=>]|\d{1,9}(?=[.)]))/;
const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029/;
// NUL is replaced by U+FFFD in CommonMark anyway; other C0 controls are kept out of the document too.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

// Anything that could need work: a special character, a control, a line-start marker, or edge whitespace.
// eslint-disable-next-line no-control-regex
const MAYBE_SPECIAL = /[\\`*_[\]<>|~&#\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|^[\s+\-=>\d]|\s$/;

function escapeLine(line: string): string {
  if (!MAYBE_SPECIAL.test(line)) return line;
  const escaped = line.trim().replace(CONTROL, '\uFFFD').replace(INLINE, '\\$&');
  return escaped.replace(LINE_START, (m) => (/^\d/.test(m) ? `${m}\\` : `\\${m}`));
}

// Most text is one line: skip the split.
const lines = (text: string): string[] => {
  if (!LINE_BREAK.test(text)) {
    const line = escapeLine(text);
    return line === '' ? [] : [line];
  }
  return text
    .split(LINE_BREAK)
    .map(escapeLine)
    .filter((l) => l !== '');
};

/** Text on one line (a heading, a label): line breaks become spaces. */
export const mdInline = (text: string): string => lines(text).join(' ');

/** Text in a GFM table cell: line breaks become <br> (the only way to break a line inside a cell). */
export const mdCell = (text: string): string => lines(text).join('<br>');

/**
 * Text inside a list item or paragraph, keeping its line breaks as hard breaks. `indent` is the item's content
 * indentation, so continuation lines stay inside the item.
 */
export const mdLines = (text: string, indent = ''): string => lines(text).join(`\\\n${indent}`);
