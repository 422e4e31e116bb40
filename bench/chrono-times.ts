// The same questions as REGEX_TIMES (src/comms/linter/time-expressions.ts), answered by chrono-node, a
// well-kept natural-language date parser, so `npm run lint-corpus` can measure which reads updates better.
// Only the time detection changes; the cues around it (since, between, a past verb) are the same.
import * as chrono from 'chrono-node';
import type { TimeReader } from '../src/comms/linter/index.js';

const REF = new Date(Date.UTC(2025, 2, 3, 14, 0));
const START = /\b(?:since|from|start(?:ed|ing|s)?|began|begin(?:ning|s)?|between|as\s+of)\b/i;
const PAST = /\b(?:\w+ed|went|began|broke|was|were|had)\b/i;
const FUTURE = /\b(?:will|'ll|shall|expect(?:ed|s)?|next|should|plan(?:ned)?\s+to|going\s+to)\b/i;
const ELAPSED = /\b(?:for|over|during)\s+the\s+(?:past|last)\b|\bago\b/i;

const parse = (s: string) => chrono.parse(s, REF);

export const CHRONO_TIMES: TimeReader = {
  hasTime: (s) => parse(s).length > 0,
  saysWhen: (s) =>
    // A range ("08:15 to 08:41 UTC"), or a time after a start word, an elapsed span, or a past-tense verb.
    parse(s).some(
      (r) => r.end != null || START.test(s.slice(0, r.index)) || ELAPSED.test(s) || (!FUTURE.test(s) && PAST.test(s.slice(0, r.index))),
    ),
};
