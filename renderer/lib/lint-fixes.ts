import type { TextEdit } from '../../src/comms/draft-text.js';
import type { Finding } from '../../src/comms/linter/index.js';

/** What a fix may fill in, from the incident as it is now. */
export interface FixValues {
  /** Live customer impacts on the incident. */
  affectedCustomers: number;
  /** When the next update after this one is due, as customers read it ("15:05 UTC"). */
  nextUpdate: string;
  /** The template placeholders' values ({since}, {customers} …), for a gap left in the text. */
  placeholders: Record<string, string>;
}

export interface LintFix {
  /** The button's words: what will change ("Add UTC", "Fill in 14:02 UTC"). */
  label: string;
  edit: TextEdit;
}

const SINGULAR: Record<string, string> = {
  customers: 'customer',
  users: 'user',
  clients: 'client',
  accounts: 'account',
  merchants: 'merchant',
  people: 'person',
  members: 'member',
  shoppers: 'shopper',
  businesses: 'business',
};

const replace = (f: Finding, insert: string): TextEdit => ({ index: f.start, deleteCount: f.end - f.start, insert });
const capitalFirst = (model: string, s: string): string => (/^[A-Z]/.test(model) ? s[0]!.toUpperCase() + s.slice(1) : s);

/** Removes a span with the space (or brackets) around it, so no "( )" or double space is left behind. */
function removal(text: string, start: number, end: number): TextEdit {
  let s = start;
  let e = end;
  if (text[s - 1] === '(' && text[e] === ')') {
    s--;
    e++;
  }
  if (text[s - 1] === ' ') s--;
  else if (text[e] === ' ') e++;
  return { index: s, deleteCount: e - s, insert: '' };
}

/**
 * A mechanical fix for a finding, where one exists: the suggestion is advice for a person; this is the part
 * a button can do (add the zone, fill a gap, put the promised time in, give the real count). Most rules
 * (blame, vagueness, jargon) need a person's words and get no button. Null when there is no safe fix.
 */
export function fixFor(f: Finding, text: string, values: FixValues): LintFix | null {
  const span = text.slice(f.start, f.end);
  const lower = span.toLowerCase();
  switch (f.rule) {
    case 'time-without-zone':
      return { label: `Add "UTC" after ${span}`, edit: { index: f.end, deleteCount: 0, insert: ' UTC' } };
    case 'unfilled-placeholder': {
      const name = /^\{([A-Za-z]+)\}$/.exec(span)?.[1];
      const value = name !== undefined && Object.hasOwn(values.placeholders, name) ? values.placeholders[name] : undefined;
      return value ? { label: `Fill in ${span}: "${value}"`, edit: replace(f, value) } : null;
    }
    case 'no-next-update': {
      const line = `Next update at ${values.nextUpdate}, or sooner if anything changes.`;
      if (f.start === 0 && f.end === text.length) {
        const sep = text.trim() === '' ? '' : text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
        return { label: `Add "${line}"`, edit: { index: text.length, deleteCount: 0, insert: `${sep}${line}` } };
      }
      const word = /update\s+you$/i.test(span) ? 'by' : 'at';
      return {
        label: `Add the time: "${span} ${word} ${values.nextUpdate}"`,
        edit: { index: f.end, deleteCount: 0, insert: ` ${word} ${values.nextUpdate}` },
      };
    }
    case 'untimed-promise': {
      if (/^(?:as\s+soon\s+as\s+possible|asap|shortly|soon|in\s+due\s+course)$/.test(lower)) {
        return { label: `Replace "${span}" with "by ${values.nextUpdate}"`, edit: replace(f, `by ${values.nextUpdate}`) };
      }
      if (/^we(?:'ll|\s+will)\s+update\s+you$/.test(lower))
        return {
          label: `Add the time: "${span} by ${values.nextUpdate}"`,
          edit: { index: f.end, deleteCount: 0, insert: ` by ${values.nextUpdate}` },
        };
      if (/^(?:stay\s+tuned|more\s+(?:information|details|updates)\s+(?:will\s+follow|to\s+follow|to\s+come))$/.test(lower)) {
        const insert = capitalFirst(span, `next update at ${values.nextUpdate}`);
        return { label: `Replace with "${insert}"`, edit: replace(f, insert) };
      }
      return null;
    }
    case 'hedged-impact':
      if (/^(?:may|might|could)\s+have\s+experienced$/.test(lower))
        return { label: 'Say it plainly: "experienced"', edit: replace(f, 'experienced') };
      return null;
    case 'minimising-impact': {
      if (values.affectedCustomers <= 0) return null;
      const count = values.affectedCustomers.toLocaleString('en-US');
      const quantity =
        /^(?:a\s+(?:very\s+)?(?:small|tiny|limited|minor)\s+(?:number|subset|percentage|fraction|portion|group|minority|handful|share)\s+of|only\s+a\s+(?:few|handful)|a\s+(?:few|handful\s+of|couple\s+of))(\s+\S+)?$/.exec(
          lower,
        );
      if (!quantity) return null;
      let rest = quantity[1] ? span.slice(span.length - quantity[1].length) : '';
      let end = f.end;
      if (values.affectedCustomers === 1) {
        // "only a few customers" -> "1 customer", whether the noun is inside the finding or just after it.
        const after = rest ? null : /^\s+([A-Za-z]+)/.exec(text.slice(f.end));
        const noun = rest ? rest.trim() : (after?.[1] ?? '');
        const one = SINGULAR[noun.toLowerCase()];
        if (one) {
          if (!rest) end = f.end + after![0].length;
          rest = ` ${one}`;
        }
      }
      const insert = `${count}${rest}`;
      return { label: `Give the number: "${insert}"`, edit: { index: f.start, deleteCount: end - f.start, insert } };
    }
    case 'ticket-id':
      return { label: `Remove ${span}`, edit: removal(text, f.start, f.end) };
    case 'stack-trace':
      return { label: 'Remove the trace', edit: removal(text, f.start, f.end) };
    case 'empty-apology': {
      // Only when the formula is a sentence of its own: removing it then leaves nothing dangling.
      const after = /^[.!]\s*/.exec(text.slice(f.end));
      const before = text.slice(0, f.start);
      if (!after || !(before.trim() === '' || /[.!?]\s*$/.test(before))) return null;
      return { label: 'Remove the formula', edit: { index: f.start, deleteCount: f.end - f.start + after[0].length, insert: '' } };
    }
    default:
      return null;
  }
}
