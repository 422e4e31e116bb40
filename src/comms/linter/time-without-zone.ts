import { findAll } from './scan.js';
import { clockTimes } from './time-expressions.js';
import type { Finding, LintRule } from './types.js';

// A zone right after the time ("14:02 UTC", "3pm (CET)", "15:00+01:00", "09:12 PT", "10:00 Europe/Berlin",
// "08:02 UTC+8") or right before it ("UTC 14:02"). Abbreviations: two-letter North American zones (PT, ET, CT,
// MT), any three to five capitals ending the usual way (PST, PDT, EST, EDT, CET, CEST, BST, IST, JST, AEST), and
// IANA names (Area/Location), and the North American zones in words ("09:12 Pacific", "10:00 Eastern time").
const ZONE = String.raw`(?:(?:Pacific|Eastern|Central|Mountain)\b|(?:UTC|GMT)\s?[+-]\s?\d{1,2}(?::?\d{2})?|UTC|GMT|Z\b|(?:PT|ET|CT|MT|HT|AKT)\b|[A-Z]{2,4}T\b|[A-Z]{3,5}\b|[+-]\d{2}:?\d{2}\b|[A-Z][a-z]+\/[A-Z][A-Za-z_]+(?:\/[A-Z][A-Za-z_]+)?)`;
const ZONE_AFTER = new RegExp(String.raw`^\s*\(?\s*${ZONE}`);
const ZONE_BEFORE = /(?:UTC|GMT|PT|ET|CT|MT|[A-Z]{2,4}T)\s*$/;

/** Customers are everywhere: "15:00" alone is a different moment for each of them. */
export const timeWithoutZone: LintRule = {
  id: 'time-without-zone',
  severity: 'info',
  title: 'A clock time without a time zone',
  check(doc) {
    const out: Finding[] = [];
    for (const m of findAll(clockTimes(), doc.text)) {
      // "(UTC+08:00)" is an offset, not a clock time.
      if (/(?:UTC|GMT)?\s?[+-]\s?$/.test(doc.text.slice(Math.max(0, m.start - 5), m.start))) continue;
      if (ZONE_AFTER.test(doc.text.slice(m.end, m.end + 16)) || ZONE_BEFORE.test(doc.text.slice(Math.max(0, m.start - 6), m.start)))
        continue;
      // "between 14:02 and 15:10 UTC": one zone after the last time covers the range.
      // "between 22:00 on 10 March and 03:00 UTC on 11 March" too.
      if (
        /^[^.;]{0,20}?(?:\band\b|\bto\b|\buntil\b|\btill\b|-|–)/i.test(doc.text.slice(m.end, m.end + 24)) &&
        nextTimeHasZone(doc.text, m.end)
      )
        continue;
      out.push({
        rule: this.id,
        severity: this.severity,
        start: m.start,
        end: m.end,
        message: `"${m.text}" has no time zone. Your customers are in many zones; each reads a different moment, and some will wait at the wrong time.`,
        suggestion: `Add the zone: "${m.text} UTC" (or the zone most of your customers use, plus UTC).`,
      });
    }
    return out;
  },
};

function nextTimeHasZone(text: string, from: number): boolean {
  const next = findAll(clockTimes(), text.slice(from, from + 40), from)[0];
  return next !== undefined && ZONE_AFTER.test(text.slice(next.end, next.end + 16));
}
