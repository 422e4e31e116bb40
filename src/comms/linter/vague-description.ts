import { EFFECT } from './effects.js';
import { phraseFindings } from './scan.js';
import type { LintRule } from './types.js';

// Always vague: there is no way to make "technical difficulties" specific except by replacing it.
const ALWAYS = [
  /\btechnical\s+(?:\w+\s+)?(?:difficulties|issues?|problems?|glitch(?:es)?|hitch(?:es)?)\b/gi,
  /\b(?:a|some|an?\s+unexpected)\s+glitch(?:es)?\b/gi,
  /\bunforeseen\s+(?:circumstances|issues?|problems?)\b/gi,
  // An attack or a breach renamed: "a cybersecurity issue affecting certain of the Company's systems", "a cyber incident".
  /\b(?:cyber(?:-?security)?|security)[-\s]+(?:issues?|incidents?|matters?|events?|situations?|problems?)\b/gi,
  // Or an IT word: "an IT incident", "a technology event", "a network event".
  /\b(?:an?\s+)(?:IT|technology|systems?|network|data)\s+(?:incident|event|matter|situation)\b/gi,
];

// Vague unless the sentence says what or why: "an issue" alone, versus "an issue with our payment gateway".
const UNLESS_QUALIFIED = [
  /\b(?:a|an|some)\s+(?:(?:unexpected|unknown|technical|service|system)\s+)?(?:bug|issue|problem|error|incident|outage|disruption|fault)s?\b/gi,
];

const GENERIC = String.raw`(?:our|the|your|some|a)\s+(?:(?:online|web|main)\s+)?(?:services?|systems?|platform|end|side|website|site|apps?|application|infrastructure|products?|network)\b`;
const QUALIFIER = new RegExp(
  String.raw`^(?!\s*(?:that|which)\s+(?:may\s+be\s+|might\s+be\s+|could\s+be\s+|is\s+)?(?:impacting|affecting)\s+(?:some|our|certain|a\s+number\s+of)?\s*(?:users|customers|services?|systems?|platform)\b)\s*(?:messages?\s+|pages?\s+|screens?\s+|codes?\s+)?(?:with|in|on|of|affecting|impacting|that|which|where|when|causing|preventing|stopping|delaying|blocking|slowing|breaking|saying|reading|resulting\s+in|leading\s+to|related\s+to|at|:|—|–|-)\s+(?!${GENERIC}\s*(?:[.,;!?]|$))\S`,
  'i',
);
const SEES =
  /\b(?:returns?|returned|returning|shows?|showed|showing|gets?|got|sees?|saw|seeing|displays?|displayed|gives?|gave|throws?|with)\s+$/i;
const WHY = /\b(?:because|caused\s+by|due\s+to|triggered\s+by|as\s+a\s+result\s+of|the\s+cause\s+(?:is|was))\b/i;

/** Words that explain nothing. Vague updates read as evasive; customers fill the gap with the worst guess. */
export const vagueDescription: LintRule = {
  id: 'vague-description',
  severity: 'warning',
  title: 'Vagueness ("a bug", "an issue", "technical difficulties" with no what or why)',
  check(doc) {
    const describe = (m: { text: string }) => ({
      message: `"${m.text}" does not say what is broken or why. Vague wording reads as evasive, and customers assume the worst.`,
      suggestion:
        'Name what fails and, once known, why: "card payments at checkout are failing because our primary database stopped accepting writes".',
    });
    const always = phraseFindings(this, doc, ALWAYS, describe);
    const unlessQualified = phraseFindings(this, doc, UNLESS_QUALIFIED, (m, sentence) => {
      if (always.some((f) => m.start < f.end && f.start < m.end)) return null;
      const after = doc.text.slice(m.end, sentence.end);
      // "An issue has been fixed where some users could not connect": the qualifier may follow the verb.
      const qualified = after.replace(
        /^\s*(?:has|have|had|was|were|is|are)\s+(?:now\s+)?(?:been\s+)?(?:fixed|found|resolved|identified|mitigated)\b/i,
        '',
      );
      if (QUALIFIER.test(qualified) || WHY.test(sentence.text)) return null;
      // "If you are still experiencing an issue, please ...": refers back to the incident already described.
      if (
        /\bif\s+you\s+(?:are\s+still|still|continue\s+to)\s+(?:experienc|see|hav|encounter)\w*\s+$/i.test(
          doc.text.slice(sentence.start, m.start),
        )
      )
        return null;
      // "We are having some issues sending email invites": the issue named by what it stops.
      if (/^\s+(?!affecting|impacting)\w+ing\s+\w+/i.test(after)) return null;
      // "An issue has been identified, and some users may be unable to log in": announced, then said what fails.
      if (qualified !== after && EFFECT.test(qualified)) return null;
      // "returns an error", "saw an error page": the error is what customers see, which is specific enough.
      if (
        /error/i.test(m.text) &&
        (SEES.test(doc.text.slice(sentence.start, m.start)) || /^\s*(?:page|message|code|screen)s?\b/i.test(after))
      )
        return null;
      return describe(m);
    });
    return [...always, ...unlessQualified];
  },
};
