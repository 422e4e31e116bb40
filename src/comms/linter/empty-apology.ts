import { apologyWithoutHarm } from './apology-object.js';
import { saysWhatFails } from './effects.js';
import { phraseFindings, type Match } from './scan.js';
import type { Finding, LintRule, Sentence } from './types.js';

const HARM = String.raw`(?:inconvenience|disruption|trouble|issues?|problems?|frustration|difficulties)`;
// Feelings instead of harm: "we apologize for the confusion and angst the fee caused".
const FEELINGS = String.raw`(?:confusion|angst|concerns?|frustrations?|stress|worry|worries|anxiety|anxieties|upset|distress|alarm|disappointment|annoyance|uncertainty|unease|discomfort|fears?|panic|hurt\s+feelings)`;
const APOLOGY = String.raw`(?:apologi[sz]e[sd]?|apologies|sorry|regret(?:s|ted)?)`;
// A word class rather than one spelling: "regret", "regrets", "regretted" are one verb to a reader.
const REGRET = String.raw`(?:regret(?:s|ted)?)`;
// Values declared instead of harm named, in any of the words for "most important".
const FOREMOST = String.raw`(?:top|highest|number\s+one|first|utmost|paramount|greatest|primary|overriding|foremost)`;

const PATTERNS = [
  new RegExp(
    String.raw`\b(?:we\s+(?:sincerely\s+|deeply\s+|truly\s+)?(?:apologi[sz]e|are\s+sorry)|we're\s+sorry|(?:our\s+)?apologies|sorry)\s+for\s+(?:any\s+${HARM}|the\s+inconvenience)(?:\s+(?:this|that|it)\s+(?:may|might|could|has|may\s+have|might\s+have)\s+(?:have\s+)?caused?)?`,
    'gi',
  ),
  new RegExp(String.raw`\b(?:we\s+)?(?:sincerely\s+|deeply\s+)?${REGRET}\s+any\b|\b${REGRET}\s+(?:the|all\s+the)\s+inconvenience\b`, 'gi'),
  new RegExp(String.raw`\bany\s+${HARM}\s+(?:this|that|it)\s+(?:may|might|could)\s+(?:have\s+)?caused?\b`, 'gi'),
  new RegExp(String.raw`\b${APOLOGY}\s+(?:to\s+[\w’']+(?:\s+[\w’']+)?\s+)?for\s+(?:the\s+|any\s+|all\s+(?:the\s+)?)?${FEELINGS}\b`, 'gi'),
  // Regret for "this situation", and an apology with nothing after it: no harm named at all.
  new RegExp(String.raw`\b${REGRET}\s+(?:that\s+)?(?:this|the)\s+situation\b`, 'gi'),
  new RegExp(String.raw`\b(?:apologi[sz]e[sd]?|${REGRET})\s+for\s*(?=[.!?]|$)`, 'gim'),
  // "We take this seriously", "Panera takes data security very seriously", "we take seriously our responsibility".
  /\b(?:we\s+)?(?:takes?|taking|taken|took)\s+(?:[\w’']+\s+){0,7}?(?:very\s+|extremely\s+|incredibly\s+)?seriously\b|\b(?:we\s+)?take\s+seriously\b/gi,
  // Values declared instead of harm named: "security is our top priority", "privacy is of utmost importance".
  new RegExp(
    String.raw`\b(?:security|privacy|safety|data|trust|customers?|you)\b[^.;]{0,40}?\b(?:is|are|remains?|has\s+always\s+been)\s+(?:of\s+)?(?:our\s+|a\s+|the\s+)?${FOREMOST}\s+(?:priority|importance|concern)\b`,
    'gi',
  ),
  // "of paramount importance to eBay": the same values, said with "importance to".
  new RegExp(String.raw`\bof\s+(?:the\s+)?(?:paramount|utmost|highest|greatest|critical|vital)\s+importance\s+to\b`, 'gi'),
  // Values said to be untouched in place of sorry: "It does not reflect our commitment to protect customers".
  /\b(?:does\s+not|doesn['’]t|did\s+not|didn['’]t|do\s+not|don['’]t)\s+(?:reflect|represent)\s+(?:our|the|who\s+we)\b[^.;]{0,20}?\b(?:commitment|values|standards|culture|are)\b|\bnot\s+who\s+we\s+are\b/gi,
  /\b(?:your\s+business|you)\s+(?:is|are)\s+(?:very\s+|extremely\s+)?important\s+to\s+us\b/gi,
  // The conditional apology, sorry for how people took it: "sorry if anyone was confused", "sorry that you feel".
  /\b(?:sorry|apologi[sz]e|apologies)\s+(?:to\s+[\w’']+\s+)?if\s+(?:you|anyone|any\s+of\s+you|some(?:one)?|customers|people|users|we)\b|\bsorry\s+(?:that\s+)?(?:you|they|people|customers|users)\s+(?:feel|felt)\b/gi,
];

// Feelings acknowledged in place of an apology: "We know this is very disappointing news." The adjectives are the
// FEELINGS nouns' own (confusion -> confusing, frustration -> frustrating ...), the verbs any way of saying we know.
const FEELING_ACKNOWLEDGED =
  /\b(?:know|understand|recogni[sz]e|reali[sz]e|appreciate|acknowledge)\s+(?:that\s+|how\s+)?(?:this|it|the\s+news|this\s+news|the\s+situation)\s+(?:is|was|has\s+been|must\s+be|may\s+be|can\s+be)\s+(?:(?:very|extremely|incredibly|deeply|so|really|understandably)\s+)?(?:confusing|frustrating|concerning|stressful|worrying|upsetting|distressing|alarming|disappointing|unsettling|annoying)\b/gi;
const APOLOGISES = /\b(?:sorry|apologi[sz]\w*|apologies)\b/i;

/** Apology formulas: "any inconvenience" tells the customer we do not know, or care, what it cost them. */
export const emptyApology: LintRule = {
  id: 'empty-apology',
  severity: 'warning',
  title: 'Empty apology (a formula, or sorry for feelings instead of the harm: "any inconvenience", "the confusion and angst")',
  check(doc) {
    const said = (m: Match) => ({
      message: `"${m.text}" does not name the harm. A formula, or sorry for how people feel, says we do not know what it cost the customer; it reads as insincere and makes people angrier.`,
      suggestion:
        'Apologise for the specific harm, and own it: "We are sorry: between 14:02 and 15:10 UTC you could not take card payments, and that cost you sales."',
    });
    const phrases = phraseFindings(this, doc, PATTERNS, said);
    if (!APOLOGISES.test(doc.text)) phrases.push(...phraseFindings(this, doc, [FEELING_ACKNOWLEDGED], said));
    // Any other wording: read what the apology is for. A bare "I sincerely apologize." is for nothing at all
    // when the text never says what failed.
    const more: Finding[] = [];
    for (const s of doc.sentences) {
      if (phrases.some((f) => f.start < s.end && s.start < f.end)) continue;
      const bare = (): Match | null => {
        const b = bareApology(s);
        return b && !saysWhatFails(doc.text) ? b : null;
      };
      const m = apologyWithoutHarm(s) ?? bare();
      if (m) more.push({ rule: this.id, severity: this.severity, start: m.start, end: m.end, ...said(m) });
    }
    return [...phrases, ...more];
  },
};

// "I sincerely apologize.", "Latitude apologises to its customers, particularly those who were impacted.": sorry to
// people, for nothing named.
const BARE =
  /\b(?:apologi[sz]es?|apologies|(?:am|are|is|'m|'re|’m|’re)\s+(?:so\s+|very\s+|truly\s+|deeply\s+)?sorry)(?:\s+(?:unreservedly|sincerely|deeply|profusely|again))?(?:\s+to\s+[^.;!?]{1,80})?\s*[.!]?\s*$/i;

function bareApology(s: Sentence): Match | null {
  const m = BARE.exec(s.text);
  return m ? { start: s.start + m.index, end: s.start + m.index + m[0].trimEnd().length, text: m[0].trim() } : null;
}
