import { phraseFindings } from './scan.js';
import type { LintRule } from './types.js';

const WHO = String.raw`(?:customers|users|clients|accounts|merchants|people|members|shoppers|businesses)`;

const PATTERNS = [
  new RegExp(
    String.raw`\ba\s+(?:very\s+)?(?:small|tiny|limited|minor)\s+(?:number|subset|percentage|fraction|portion|group|minority|handful|share)\s+of\b`,
    'gi',
  ),
  /\bonly\s+(?:a\s+(?:few|small|handful|limited|tiny|minority|fraction|subset)|some|a\s+couple)\b/gi,
  /\bonly\s+(?:about\s+|around\s+)?\d[\d,.]*\s*(?:%|percent\b)/gi,
  new RegExp(String.raw`\ba\s+(?:few|handful\s+of|couple\s+of)\s+${WHO}\b`, 'gi'),
  /\bisolated\s+(?:incidents?|cases|reports|issues?|problems?)\b/gi,
  /\b(?:small\s+)?(?:blip|hiccups?)\b/gi,
  /\b(?:minor|minimal|negligible|insignificant|slight(?:ly)?|momentar(?:y|ily))\b/gi,
  // "a brief summary" describes our text, not the outage.
  /\bbrief(?:ly)?\b(?!\s+(?:summary|description|overview|note|report|explanation|outline))/gi,
];

/** Words that shrink the harm. To the customer whose payments failed, it was not minor. */
export const minimisingImpact: LintRule = {
  id: 'minimising-impact',
  severity: 'warning',
  title: 'Minimising the impact ("a small number of customers", "only a few", "minor", "brief")',
  check(doc, ctx) {
    return phraseFindings(this, doc, PATTERNS, (m, sentence) => {
      // "In brief," is a figure of speech, not a claim about the outage.
      if (/^brief/i.test(m.text) && /\bin\s+brief\s*$/i.test(doc.text.slice(sentence.start, m.end))) return null;
      const count = ctx.affectedCustomers;
      const known = count !== undefined && count > 0 ? ` The incident lists ${count} affected customer${count === 1 ? '' : 's'}.` : '';
      return {
        message: `"${m.text}" plays the impact down. To a customer who was hit, it was not small, and they read it as the company caring more about its image than about them.${known}`,
        suggestion:
          count !== undefined && count > 0
            ? `Give the number plainly: "${count} customer${count === 1 ? ' is' : 's are'} affected", and say what they cannot do.`
            : 'Give the number or share plainly ("about 1,200 customers", "about 8% of card payments") and what they cannot do; say "are affected", not "may be".',
      };
    });
  },
};
