import { phraseFindings } from './scan.js';
import type { LintRule } from './types.js';

const PATTERNS = [
  /\{[A-Za-z][\w-]*\}/g,
  /\b(?:TODO|TBD|TBC|FIXME|XXX)\b/g,
  /\bXX:XX\b|\bHH:MM\b/gi,
  /\[(?:insert|add|fill\s+in|to\s+be\s+(?:completed|confirmed|added)|tbd|tbc|todo)[^\]\n]*\]/gi,
  /<(?:time|date|customer|name|number|cause|eta|link)>/gi,
];

/** A template gap left in: publishing "{customers}" or "[insert time]" looks careless at the worst moment. */
export const unfilledPlaceholder: LintRule = {
  id: 'unfilled-placeholder',
  severity: 'error',
  title: 'Unfilled placeholders ({since}, TODO, [insert time], XX:XX)',
  check(doc) {
    return phraseFindings(this, doc, PATTERNS, (m) => ({
      message: `"${m.text}" is a gap left in the text. Published, it tells customers nobody read the update before sending it.`,
      suggestion: 'Fill it in with the real value, or delete the sentence if it does not apply yet.',
    }));
  },
};
