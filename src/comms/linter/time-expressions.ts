// What counts as "a time" in an update. Shared by the rules on promises, next-update times and "since when".
import type { TimeReader } from './types.js';

const NUMBER_WORDS = 'one|two|three|four|five|six|ten|fifteen|twenty|thirty|forty-five|forty|sixty|ninety';
const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const WEEKDAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';

/** A clock time: 14:02, 9:30, 3pm, 3:15 p.m. */
export const CLOCK = String.raw`\b(?:(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s?(?:[ap]\.?m\.?(?![a-z])))?|(?:1[0-2]|0?[1-9])\s?(?:[ap]\.m\.|[ap]m\b))`;

/** A calendar date or day: 3 March, March 3, 2025-03-03, Monday, today, tomorrow, this morning. */
export const DATE = String.raw`(?:\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:${MONTHS})\b|\b(?:${MONTHS})\s+\d{1,2}(?:st|nd|rd|th)?\b|\b(?:${WEEKDAYS})\b|\b(?:today|tonight|tomorrow|yesterday)\b|\bthis (?:morning|afternoon|evening)\b|\bend of (?:the )?(?:day|today)\b)`;

/** A span of time from now: in 30 minutes, within the hour, within 5 working days. */
export const RELATIVE = String.raw`(?:\b(?:in|within|after|every)\s+(?:the\s+next\s+)?(?:\d+|an?|${NUMBER_WORDS}|half an?)\s*(?:-\s*)?(?:min(?:ute)?s?|hours?|hrs?|h|(?:working |business )?days?)\b|\bwithin (?:the|an|the next) hour\b|\bin half an hour\b)`;

/** A span reaching back: for the past 40 minutes, 2 hours ago, since roughly 3 hours ago. */
export const ELAPSED = String.raw`(?:\b(?:for|over|during)\s+the\s+(?:past|last)\s+(?:\d+|an?|${NUMBER_WORDS}|few)?\s*(?:min(?:ute)?s?|hours?|hrs?|days?)\b|\b(?:\d+|an?|${NUMBER_WORDS})\s+(?:min(?:ute)?s?|hours?|hrs?)\s+ago\b)`;

const POINT = `(?:${CLOCK}|${DATE})`;
const ANY_TIME = new RegExp(`${CLOCK}|${DATE}|${RELATIVE}`, 'i');
const START = new RegExp(
  String.raw`\b(?:since|from|start(?:ed|ing|s)?|began|begin(?:ning|s)?|between|during|as\s+of)\b[^.;]*?${POINT}`,
  'i',
);
// "08:15 to 08:41 UTC", "from 22:00 on 10 March and 03:00 UTC": a range is a start and an end.
const RANGE = new RegExp(String.raw`${CLOCK}[^.;]{0,30}?\b(?:to|until|till|and)\b\s*${CLOCK}|${CLOCK}\s*[-–]\s*[^.;]{0,20}?${CLOCK}`, 'i');
// "a certificate expired at 08:15 UTC", "went down at 07:28 UTC": a past event with its time.
const PAST_EVENT_AT = new RegExp(String.raw`\b(?:\w+ed|went|began|broke|was|were|had)\b[^.;]{0,40}?\b(?:at|on)\s+${POINT}`, 'i');
const FUTURE = /\b(?:will|'ll|shall|expect(?:ed|s)?|next|should|plan(?:ned)?\s+to|going\s+to)\b/i;
const ELAPSED_RE = new RegExp(ELAPSED, 'i');

/** The hand-written reader: regular expressions for clock times, dates, spans and ranges. */
export const REGEX_TIMES: TimeReader = {
  hasTime: (s) => ANY_TIME.test(s),
  saysWhen: (s) => START.test(s) || RANGE.test(s) || ELAPSED_RE.test(s) || (!FUTURE.test(s) && PAST_EVENT_AT.test(s)),
};

/** True when the text names a time or deadline (absolute or relative). */
export const hasTime = (text: string): boolean => ANY_TIME.test(text);

/** Clock times with their offsets (for the time-zone check). */
export const clockTimes = (): RegExp => new RegExp(CLOCK, 'gi');
