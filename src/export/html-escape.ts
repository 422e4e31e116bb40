// One pass for the five specials and the controls (other than tab and line breaks, which are parse errors in HTML
// and are shown as U+FFFD instead).
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const ESCAPE = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML text node or a quoted attribute value. */
export const escapeHtml = (text: string): string => (NEEDS_ESCAPE.test(text) ? text.replace(ESCAPE, (c) => ENTITIES[c] ?? '\uFFFD') : text);
