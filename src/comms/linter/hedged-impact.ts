import { phraseFindings } from './scan.js';
import type { LintRule } from './types.js';

const WHO = String.raw`(?:customers|users|clients|accounts|merchants|people|members|shoppers|businesses|blogs|sites|stores|of\s+you)`;
const SEEN = String.raw`(?:expos(?:ed|ing)|experienc\w*|notic\w*|seen|see(?:ing)?|encounter\w*|affect\w*|impact\w*|caused(?=\s+(?:some|certain|a|many|users|customers|people|you)\b)|unavailable|slow\w*|down|degraded|disrupted|delayed|interrupted|having\s+(?:trouble|issues|problems|difficult\w*))`;

const PATTERNS = [
  // "Some users may", "some blogs may have been unavailable" (but "some customers could not log in" is a fact).
  new RegExp(
    String.raw`\b(?:some|certain|a\s+few|a\s+handful\s+of|a\s+subset\s+of)\s+(?:of\s+)?${WHO}\s+(?:may|might|could(?!\s+not|n't))\b`,
    'gi',
  ),
  /\b(?:may|might|could)\s+have\s+(?:experienced|noticed|seen|encountered|been\s+affected)\b/gi,
  new RegExp(String.raw`\b(?:may|might|could)\s+(?:have\s+been\s+|be\s+|have\s+)?${SEEN}\b`, 'gi'),
  /\b(?:may|might|could)\s+not\s+have\s+(?:been\s+)?(?:delivered|sent|received|processed|saved|loaded|completed)\b/gi,
  /\b(?:it\s+is|it's)\s+possible\s+that\b|\b(?:possibly|potentially)\s+(?:affect\w*|impact\w*|unavailable|delayed)\b/gi,
  // "down for a bit", "for a while": how long is a while to someone who could not work?
  /\bfor\s+a\s+(?:bit|while|little\s+while|short\s+(?:while|time|period)|moment|few\s+moments)\b|\b(?:down|offline|unavailable|slow|broken|out|failing)\s+for\s+a\s+few\s+minutes\b/gi,
  /\b(?:a\s+(?:little|bit|tad)|somewhat|kind\s+of|sort\s+of)\s+(?:slow(?:er)?|sluggish|flaky|unstable|unreliable|delayed|degraded|bumpy|laggy|wobbly|patchy|spotty|choppy|glitchy|off|iffy)\b|\bacting\s+up\b/gi,
];

// Our own work named just before the span: "we will monitor ... for a short time", "we'll keep watching it for a while".
const OUR_ACTION =
  /\b(?:we|we['’]ll|we\s+will|our\s+(?:team|engineers))\b[^.;]{0,60}\b(?:monitor|observe|watch|keep\s+(?:an\s+eye|watching)|verify|test|run|wait)\w*\b[^.;]*$/i;

/** Hedging what customers saw: "may have been unavailable" when it was unavailable. */
export const hedgedImpact: LintRule = {
  id: 'hedged-impact',
  severity: 'warning',
  title: 'Hedged impact ("some blogs may have been unavailable", "users may experience errors", "down for a bit")',
  check(doc) {
    return phraseFindings(this, doc, PATTERNS, (m, sentence) => {
      // "We will monitor the control plane for a short time": the span belongs to our own action, not the impact.
      if (/^for\s+a\b/i.test(m.text) && OUR_ACTION.test(doc.text.slice(sentence.start, m.start))) return null;
      return {
        message: `"${m.text}" hedges what customers saw. They know whether it worked for them; "may have" and "for a bit" read as the company not knowing, or not wanting to say.`,
        suggestion: 'State it as fact, with the size and the times: "Between 13:00 and 14:20 UTC, about 4,000 blogs did not load."',
      };
    });
  },
};
