import { findAll, wholeText } from './scan.js';
import { hasElapsed, hasPointInTime, hasTime } from './time-expressions.js';
import type { Finding, LintRule } from './types.js';

const NEXT_UPDATE =
  /\b(?:(?:next|further|another|following)\s+update|update\s+(?:you\s+)?again|we(?:'ll|\s+will)\s+(?:post|send|share|publish|provide|give)\s+(?:you\s+)?(?:an?\s+|our\s+next\s+|another\s+)?update|we(?:'ll|\s+will)\s+update\s+you)\b/gi;
const FINAL = /\b(?:this\s+is\s+(?:our|the)\s+(?:final|last)\s+update|final\s+update|no\s+further\s+updates)\b/i;

/** Without a time for the next update, customers refresh and wait, and silence reads as "they have given up". */
export const noNextUpdate: LintRule = {
  id: 'no-next-update',
  severity: 'error',
  title: 'No time for the next update (missing "next update at <time>" or "in N minutes")',
  check(doc, ctx): Finding[] {
    if (ctx.status === 'resolved' || FINAL.test(doc.text)) return [];
    const mentions = findAll(NEXT_UPDATE, doc.text);
    const sentencesWithMention = doc.sentences.filter((s) => mentions.some((m) => m.start >= s.start && m.start < s.end));
    if (sentencesWithMention.some((s) => hasTime(s.text))) return [];
    const suggestion = 'End with a time you will keep: "Next update at 15:00 UTC, or sooner if anything changes." When it is over, say "This is our final update."';
    const first = mentions[0];
    if (first) {
      return [
        {
          rule: this.id,
          severity: this.severity,
          start: first.start,
          end: first.end,
          message: `"${first.text}" promises another update but not when. Customers then refresh and wait, and every minute of silence reads as "they have stopped working on it".`,
          suggestion,
        },
      ];
    }
    return [wholeText(this, doc, 'The update never says when the next one comes. Customers refresh and wait, and silence reads as "they have stopped working on it".', suggestion)];
  },
};

const EFFECT =
  /\b(?:affect(?:s|ed|ing)?|impact(?:s|ed|ing)?|fail(?:s|ed|ing|ures?)?|unavailable|not\s+available|down|outage|errors?|cannot|can't|can\s+not|could\s+not|couldn't|unable|not\s+(?:working|loading|sending|receiving|processing|arriving|load|send|receive|process|arrive|work)|degraded|slow(?:er|ly)?|delay(?:s|ed)?|timing\s+out|time\s+out|timeouts?|disrupt(?:ed|ions?)|interrupt(?:ed|ions?)|missing|lost|rejected|declined|duplicated?|stopped|broken|offline|inaccessible|restored|recovered|work(?:s|ed|ing)?\s+(?:again|normally)|back\s+to\s+normal)\b/i;

/** An update that never says what is broken leaves every customer wondering whether it is them. */
export const noWhatAffected: LintRule = {
  id: 'no-what-affected',
  severity: 'warning',
  title: 'No statement of what is affected',
  check(doc) {
    if (doc.text.trim() === '' || EFFECT.test(doc.text)) return [];
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

const START = /\b(?:since|from|start(?:ed|ing|s)?|began|begin(?:ning|s)?|between|as\s+of)\b/i;

/** Without "since when", customers cannot tell whether their own failures at 13:50 are this incident. */
export const noSinceWhen: LintRule = {
  id: 'no-since-when',
  severity: 'warning',
  title: 'No statement of since when',
  check(doc) {
    if (doc.text.trim() === '') return [];
    // The next-update sentence names a time too, but a time to come, not a start.
    const aboutStart = (text: string): boolean =>
      findAll(NEXT_UPDATE, text).length === 0 && ((START.test(text) && hasPointInTime(text)) || hasElapsed(text));
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
