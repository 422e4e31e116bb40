import { phraseFindings } from './scan.js';
import { hasTime } from './time-expressions.js';
import type { LintRule } from './types.js';

const PATTERNS = [
  /\bas\s+soon\s+as\s+(?:possible|we\s+(?:can|know\s+more|have\s+(?:more|an?\s+update)))\b/gi,
  /\basap\b/gi,
  // "shortly after the change" tells what happened, it promises nothing.
  /\bshortly\b(?!\s+(?:after|before|afterwards))/gi,
  /\bsoon\b(?!\s+(?:after|before|afterwards))/gi,
  /\bin\s+due\s+course\b/gi,
  /\bin\s+the\s+(?:near|coming)\s+(?:future|hours|days)\b/gi,
  /\bwe(?:'ll|\s+will)\s+(?:update\s+you|keep\s+you\s+(?:updated|posted|informed)|provide\s+(?:an?\s+)?(?:update|updates|more\s+(?:information|details)|further\s+updates)|share\s+more|post\s+(?:an?\s+)?(?:update|updates|more))\b/gi,
  /\b(?:more\s+(?:information|details|updates)|further\s+updates|an\s+update)\s+(?:will\s+follow|to\s+follow|to\s+come|will\s+be\s+(?:provided|posted|shared))\b/gi,
  /\bstay\s+tuned\b/gi,
  /\bwhen\s+we\s+(?:know|have)\s+more\b/gi,
];

/** A promise with no time. "Soon" means nothing to someone refreshing a status page every minute. */
export const untimedPromise: LintRule = {
  id: 'untimed-promise',
  severity: 'warning',
  title: 'Promises with no time ("as soon as possible", "shortly", "soon", "we will update you")',
  check(doc) {
    return phraseFindings(this, doc, PATTERNS, (m, sentence) => {
      if (hasTime(sentence.text)) return null;
      return {
        message: `"${m.text}" promises something without saying when. Customers cannot plan around "soon", and every minute past what they imagined feels like a broken promise.`,
        suggestion: 'Give a time you can keep: "Next update at 15:00 UTC, or sooner if anything changes", or "within 30 minutes".',
      };
    });
  },
};
