import { phraseFindings } from './scan.js';
import type { LintRule } from './types.js';

const HARM = String.raw`(?:inconvenience|disruption|trouble|issues?|problems?|frustration|difficulties)`;

const PATTERNS = [
  new RegExp(
    String.raw`\b(?:we\s+(?:sincerely\s+|deeply\s+|truly\s+)?(?:apologi[sz]e|are\s+sorry)|we're\s+sorry|(?:our\s+)?apologies|sorry)\s+for\s+(?:any\s+${HARM}|the\s+inconvenience)(?:\s+(?:this|that|it)\s+(?:may|might|could|has|may\s+have|might\s+have)\s+(?:have\s+)?caused?)?`,
    'gi',
  ),
  /\bwe\s+(?:sincerely\s+|deeply\s+)?regret\s+any\b/gi,
  new RegExp(String.raw`\bany\s+${HARM}\s+(?:this|that|it)\s+(?:may|might|could)\s+(?:have\s+)?caused?\b`, 'gi'),
  /\bwe\s+take\s+(?:this|the\s+matter|your\s+\w+|it|the\s+\w+(?:\s+of\s+our\s+\w+)?)\s+(?:very\s+|extremely\s+)?seriously\b/gi,
  /\b(?:your\s+business|you)\s+(?:is|are)\s+(?:very\s+|extremely\s+)?important\s+to\s+us\b/gi,
];

/** Apology formulas: "any inconvenience" tells the customer we do not know, or care, what it cost them. */
export const emptyApology: LintRule = {
  id: 'empty-apology',
  severity: 'warning',
  title: 'Empty apology formulas ("we apologise for any inconvenience", "we regret any")',
  check(doc) {
    return phraseFindings(this, doc, PATTERNS, (m) => ({
      message: `"${m.text}" is a formula. "Any inconvenience" says we do not know what it cost the customer; it reads as insincere and makes people angrier.`,
      suggestion:
        'Apologise for the specific harm, and own it: "We are sorry: between 14:02 and 15:10 UTC you could not take card payments, and that cost you sales."',
    }));
  },
};
