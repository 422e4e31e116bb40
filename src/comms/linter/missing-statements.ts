import { saysWhatFails } from './effects.js';
import { findAll, wholeText } from './scan.js';
import type { Finding, LintRule } from './types.js';

// Any way of saying "you will hear from us again": the promise whose time the rule looks for.
const NEXT_UPDATE = new RegExp(
  [
    String.raw`\bwe(?:'ll|\s+will)\s+(?:post|send|share|publish|provide|give)\s+(?:you\s+)?(?:an?\s+|our\s+next\s+|another\s+)?update\b`,
    String.raw`\b(?:next|further|another|following)\s+(?:update|check[- ]in|post)`,
    String.raw`\bupdate\s+(?:you|this\s+(?:page|post)|here)(?:\s+again)?\b`,
    String.raw`\bwe(?:'ll|\s+will)\s+(?:post|send|share|publish|provide|give|report|check\s+in|update(?:\s+you)?|confirm|be\s+back)\b`,
    String.raw`\bwill\s+(?:post|report\s+back|check\s+(?:in|again)|confirm|share\s+what)\b`,
    String.raw`\b(?:post|send|share|publish|provide)\s+(?:an?\s+|our\s+next\s+|another\s+|a\s+final\s+)?(?:update|wrap-up|note|summary)\b`,
    String.raw`\b(?:post|report)\s+(?:back|again|once\s+more)\b|\bpost\s+at\b`,
    String.raw`\b(?:write|get|come|check|report|be)\s+back\b|\b(?:write|check|post|report|update)\s+(?:you\s+)?again\b|\blet\s+you\s+know\b`,
    String.raw`\bhear\s+from\s+us\b|\bkeep\s+you\s+(?:posted|updated|informed)\b`,
  ].join('|'),
  'gi',
);
const FINAL = /\b(?:this\s+is\s+(?:our|the)\s+(?:final|last)\s+update|(?:final|last)\s+update|no\s+further\s+updates)\b/i;

/** Without a time for the next update, customers refresh and wait, and silence reads as "they have given up". */
export const noNextUpdate: LintRule = {
  id: 'no-next-update',
  severity: 'error',
  title: 'No time for the next update (missing "next update at <time>" or "in N minutes")',
  check(doc, ctx): Finding[] {
    if (ctx.status === 'resolved' || FINAL.test(doc.text)) return [];
    const mentions = findAll(NEXT_UPDATE, doc.text);
    const sentencesWithMention = doc.sentences.filter((s) => mentions.some((m) => m.start >= s.start && m.start < s.end));
    if (sentencesWithMention.some((s) => doc.times.hasTime(s.text))) return [];
    const suggestion =
      'End with a time you will keep: "Next update at 15:00 UTC, or sooner if anything changes." When it is over, say "This is our final update."';
    const first = mentions[0];
    if (first) {
      return [
        {
          rule: this.id,
          severity: this.severity,
          start: first.start,
          end: first.end,
          message: `Add a time to "${first.text}" (for example "at 15:00 UTC" or "within 30 minutes"): it promises another update but not when. Customers then refresh and wait, and every minute of silence reads as "they have stopped working on it".`,
          suggestion,
        },
      ];
    }
    return [
      wholeText(
        this,
        doc,
        'Add when the next update comes, for example "Next update at 15:00 UTC" (or "This is our final update" when it is over). Without it customers refresh and wait, and silence reads as "they have stopped working on it".',
        suggestion,
      ),
    ];
  },
};

/** An update that never says what is broken leaves every customer wondering whether it is them. */
export const noWhatAffected: LintRule = {
  id: 'no-what-affected',
  severity: 'warning',
  title: 'No statement of what is affected',
  check(doc) {
    // "there is no outage" and "unable to share details" are about us, not about what customers see.
    if (doc.text.trim() === '' || saysWhatFails(doc.text)) return [];
    return [
      wholeText(
        this,
        doc,
        'The update never says what is affected. Every customer reading it has to guess whether it is their problem, and many will contact support to ask.',
        'Say what customers cannot do, in their words: "card payments at checkout are failing for customers in the EU region".',
      ),
    ];
  },
};

/** Without "since when", customers cannot tell whether their own failures at 13:50 are this incident. */
export const noSinceWhen: LintRule = {
  id: 'no-since-when',
  severity: 'warning',
  title: 'No statement of since when',
  check(doc) {
    if (doc.text.trim() === '') return [];
    // The next-update sentence names a time too, but a time to come, not a start.
    const aboutStart = (text: string): boolean => findAll(NEXT_UPDATE, text).length === 0 && doc.times.saysWhen(text);
    if (doc.sentences.some((s) => aboutStart(s.text))) return [];
    return [
      wholeText(
        this,
        doc,
        'The update never says since when. Customers cannot match it to what they saw, reconcile failed orders, or tell whether their problem is this one.',
        'Say when it started, with a time zone: "Since 14:02 UTC, ..." (or "between 14:02 and 15:10 UTC" once it is over).',
      ),
    ];
  },
};
