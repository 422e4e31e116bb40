import { phraseFindings } from './scan.js';
import type { LintRule } from './types.js';

const PATTERNS = [
  /\bas\s+(?:soon|quickly|fast|promptly|swiftly|rapidly)\s+as\s+(?:possible|practicable|feasible|we\s+(?:can|know\s+more|have\s+(?:more|an?\s+update)))\b/gi,
  /\basap\b/gi,
  // "shortly after the change" tells what happened, it promises nothing.
  /\bshortly\b(?!\s+(?:after|before|afterwards))/gi,
  /\bsoon\b(?!\s+(?:after|before|afterwards))/gi,
  /\bin\s+due\s+course\b/gi,
  /\bin\s+the\s+(?:near|coming)\s+(?:future|hours|days)\b/gi,
  /\bwe(?:'ll|\s+will)\s+(?:update\s+you|keep\s+you\s+(?:updated|posted|informed)|provide\s+(?:an?\s+)?(?:update|updates|more\s+(?:information|details)|further\s+updates)|share\s+more|post\s+(?:an?\s+)?(?:update|updates|more))\b/gi,
  /\b(?:more\s+(?:information|details|updates)|further\s+updates|(?:an|the\s+next)\s+update)\s+(?:will\s+follow|to\s+follow|to\s+come|will\s+be\s+(?:provided|posted|shared))\b/gi,
  /\b(?:provide|post|share|send|give)\s+(?:further|more|additional)\s+(?:updates?|information|details)\b/gi,
  /\bstay\s+tuned\b/gi,
  /\blet\s+you\s+know\s+(?:if|when|once|as)\b|\bbefore\s+long\b/gi,
  /\bwhen\s+we\s+(?:know|have)\s+more\b/gi,
];

/** A promise with no time. "Soon" means nothing to someone refreshing a status page every minute. */
export const untimedPromise: LintRule = {
  id: 'untimed-promise',
  severity: 'warning',
  title: 'Promises with no time ("as soon as possible", "shortly", "soon", "we will update you")',
  check(doc) {
    return phraseFindings(this, doc, PATTERNS, (m, sentence) => {
      if (doc.times.hasTime(sentence.text)) return null;
      // "No further updates will be posted" closes the incident; it promises nothing.
      // "unable to provide further details" refuses (another rule's business); it promises nothing either.
      if (
        /\b(?:no|not|unable\s+to|cannot|can't|won't)\s+(?:\w+\s+){0,3}$/i.test(
          doc.text.slice(Math.max(sentence.start, m.start - 30), m.start),
        )
      )
        return null;
      return {
        message: `"${m.text}" promises something without saying when. Customers cannot plan around "soon", and every minute past what they imagined feels like a broken promise.`,
        suggestion: 'Give a time you can keep: "Next update at 15:00 UTC, or sooner if anything changes", or "within 30 minutes".',
      };
    });
  },
};
