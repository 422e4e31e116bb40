import { structuralDenial } from './denial-structure.js';
import { phraseFindings, type Match } from './scan.js';
import type { Finding, LintRule } from './types.js';

const OURS = String.raw`(?:everything|all\s+(?:of\s+)?(?:our\s+)?(?:systems|services|servers)|our\s+(?:systems?|servers?|services?|platform|infrastructure|product|monitoring|dashboards?|network)|(?:on|at)\s+our\s+(?:end|side))`;
const FINE = String.raw`(?:normal(?:ly)?|fine|healthy|green|operational|as\s+(?:expected|designed|intended)|correctly|properly|no\s+(?:issues?|problems?|errors?))`;

const PATTERNS = [
  // "everything on our end looks normal", "our platform is working as expected", "which performed as designed"
  new RegExp(
    String.raw`\b${OURS}\b[^.;:!?]{0,40}?\b(?:look(?:s|ed)?|is|are|was|were|appears?|seems?|remain(?:s|ed)?|show(?:s|ed)?|perform(?:s|ed)?|operat(?:ing|es|ed)|function(?:ing|s|ed)|work(?:ing|s|ed)|running)\b[^.;:!?]{0,30}?\b${FINE}`,
    'gi',
  ),
  // \"runs that cannot be force-canceled\" is a limit, not disbelief: no past participle after \"be\".
  /\b(?:that|this|it)\s+(?:can't|cannot|can\s+not|couldn't)\s+be\b(?!\s+[\w-]+(?:ed|en)\b)/gi,
  /\bthere\s+(?:is|was|has\s+been)\s+no\s+(?:outage|issue|problem|incident|fault|downtime)\b/gi,
  /\breports?\s+(?:are|were|is|was)\s+(?:mistaken|wrong|incorrect|false|inaccurate|exaggerated)\b|\bworks?\s+(?:every\s+time|fine\s+for\s+us|for\s+us)\b/gi,
  /\bnot\s+(?:our|my)\s+fault\b|\bnothing\s+we\s+(?:can|could)\s+do\b/gi,
  // Defending how we told it instead of telling it: "we've been very transparent and forthcoming".
  /\bwe(?:['’]ve|\s+have)?\s+been\s+(?:very\s+|fully\s+|completely\s+|extremely\s+|entirely\s+)?(?:transparent|forthcoming|upfront)\b/gi,
  /\b(?:not|n't)\s+aware\s+of\s+anyone\s+who\s+(?:has|had|was|were)\s+(?:\w+\s+){0,2}?(?:lost|harmed|affected|impacted|defrauded)\b/gi,
  /\b(?:not|n't)\s+aware\s+of\s+any\s+(?:[\w-]+\s+){0,2}?(?:issues?|problems?|outages?|errors?|incidents?|disruption|misuse|fraud|unauthori[sz]ed|breach(?:es)?|compromise|exploitation)\b/gi,
  /\b(?:have\s+not|haven't|did\s+not|didn't|could\s+not|couldn't)\s+(?:found|find|seen|see|detected|detect|identified|identify)\s+any\s+(?:issues?|problems?|errors?|faults?)\b/gi,
  /\bnot\s+(?:an?\s+)?(?:issue|problem|fault|error)\s+(?:with|on|in|at)\s+our\s+(?:end|side|\w+(?:\s+\w+)?)\b/gi,
  /\bnot\s+(?:by|due\s+to)\s+any\s+(?:fault|error|problem|issue)\s+(?:in|on|with|of)\s+our\b/gi,
  /\bnothing\s+(?:has\s+)?changed\s+on\s+our\s+(?:side|end)\b|\bentirely\s+(?:at|with|on|the\s+fault\s+of)\s+\w+/gi,
];

// "Everything has worked normally since 15:10 UTC" is a recovery; "everything is fine now" is dismissing (its own rule).
const RECOVERY = /^[^.;]*?\b(?:again|since|back|restored|recovered|resumed|now|after\s+the\s+fix)\b/i;

/** Denying or defending while customers are hurting: it tells them they are wrong about what they see. */
export const denial: LintRule = {
  id: 'denial',
  severity: 'error',
  title: 'Denial and defensiveness ("everything on our end looks normal", "that can\'t be", "not our fault")',
  check(doc, ctx) {
    const said = (m: Match) => ({
      message: `"${m.text}" tells customers that what they see is not happening, or not our problem. Customers who are hurting read it as denial, and stop trusting every update after it.`,
      suggestion:
        'Start from what customers report and what we are checking: "Some of you report slow pages since 10:00 UTC. We do not see it in our own checks yet, so we are testing from your regions." Explain a third party\'s part once the cause is known, and still own what we do about it.',
    });
    const phrases = phraseFindings(this, doc, PATTERNS, (m, sentence) => {
      // Once resolved, "all services remain operational" reports the state after the fix, not a denial.
      if (
        /^(?:everything|all|our|on|at)\b/i.test(m.text) &&
        (ctx.status === 'resolved' ||
          RECOVERY.test(doc.text.slice(m.start, sentence.end)) ||
          /\b(?:back|restored|recovered)\b/i.test(doc.text.slice(sentence.start, m.start)))
      )
        return null;
      return said(m);
    });
    // Denial phrased any other way: a negated claim about our service, or about the reports of harm.
    const structural: Finding[] = [];
    for (const s of doc.sentences) {
      if (phrases.some((f) => f.start >= s.start && f.start < s.end)) continue;
      const m = structuralDenial(s);
      if (m) structural.push({ rule: this.id, severity: this.severity, start: m.start, end: m.end, ...said(m) });
    }
    return [...phrases, ...structural];
  },
};
