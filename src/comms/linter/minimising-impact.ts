import { phraseFindings } from './scan.js';
import type { LintRule } from './types.js';

const WHO = String.raw`(?:customers|users|clients|accounts|merchants|people|members|shoppers|businesses)`;
// The clock range that makes "briefly" a measured fact rather than a shrug: "from 15:07 to 15:13 UTC".
const STATED_SPAN = /\b\d{1,2}:\d{2}\b[^.;]{0,40}?\b(?:to|until|and|-|–)\s*\d{1,2}:\d{2}\b/;
// What "only N%" is about: the part that recovered ("only about 50% of our userbase was able to get back
// online" stresses the harm) or the part that was hurt ("failed for only 3% of our customers" shrinks it).
const GOOD_OUTCOME =
  /^[^.;]{0,60}?\b(?:(?:was|were|is|are)\s+able\s+to|could|managed\s+to|got\s+back|get\s+back|recovered|succeeded|reconnected|came\s+back|(?:is|are|was|were)\s+back)\b/i;

const PATTERNS = [
  new RegExp(
    String.raw`\ba\s+(?:very\s+)?(?:small|tiny|limited|minor)\s+(?:number|subset|percentage|fraction|portion|group|minority|handful|share)\s+of\b`,
    'gi',
  ),
  /\bonly\s+(?:a\s+(?:few|small|handful|limited|tiny|minority|fraction|subset)|some|a\s+couple)\b/gi,
  /\bonly\s+(?:about\s+|around\s+)?\d[\d,.]*\s*(?:%|percent\b)/gi,
  new RegExp(String.raw`\ba\s+(?:few|handful\s+of|couple\s+of)\s+${WHO}\b`, 'gi'),
  /\bisolated\s+(?:incidents?|cases|reports|issues?|problems?)\b/gi,
  /\b(?:small\s+)?(?:blip|hiccups?)\b/gi,
  /\b(?:minor|minimal|negligible|insignificant|slight(?:ly)?|momentar(?:y|ily)|infinitesimal(?:ly)?)\b/gi,
  // A comparison that shrinks the harm: "tiny in relation to the total water volume".
  /\b(?:tiny|small|insignificant|minuscule|modest)\s+(?:in\s+relation|compared|relative|next)\s+to\b/gi,
  // The share left alone, offered as the answer: "more than 90 percent of our customers will not be affected",
  // "the vast majority of customers are running smoothly".
  /\b(?:(?:more\s+than|over|nearly|almost)\s+)?(?:[5-9]\d|100)(?:\.\d+)?\s*(?:%|percent)\s+of\s+(?:our\s+)?(?:[\w-]+\s+){1,3}?(?:will\s+not|won['’]t|(?:are|were|was|is)\s+not|(?:are|were|was|is)n['’]t)\s+(?:be\s+|been\s+)?(?:affected|impacted|compromised|exposed|accessed|stolen|breached|involved)\b/gi,
  // The harm declared unlikely, or smaller than reported: "unlikely that the information was used for fraud",
  // "the number is actually smaller than that".
  /\bunlikely\s+(?:that\s+)?[^.;]{0,60}?\b(?:fraud|misused?|harm|exploited|affected|impacted|used)\b/gi,
  /\b(?:number|figure|count|scope|impact|damage|toll)\s+(?:is|was|will\s+be)\s+(?:actually\s+|likely\s+|probably\s+|much\s+|far\s+)*(?:smaller|lower|less)\s+than\b/gi,
  /\b(?:the\s+)?(?:vast\s+|overwhelming\s+|great\s+)?majority\s+of\s+(?:our\s+)?\w+\s+(?:are|were|remain(?:ed)?)\s+(?:running|working|operating|unaffected|fine|not\s+(?:affected|impacted))\b/gi,
  // The same share as what it did not feel: "the vast majority of our customers experienced no disruption".
  /\b(?:(?:vast\s+|overwhelming\s+|great\s+)?majority|most|nearly\s+all|almost\s+all|(?:[5-9]\d|100)(?:\.\d+)?\s*(?:%|percent))\s+of\s+(?:our\s+|the\s+)?(?:[\w-]+\s+){1,3}?(?:experienced|saw|had|felt|noticed|encountered|reported)\s+(?:no|little|minimal)\s+(?:disruption|impact|interruption|issues?|problems?|effect)\b/gi,
  // The harm sized small: "very, very modest", "limited to the access that support engineers have", "less than $2".
  /\b(?:impact|effect|damage|harm)\b[^.;]{0,50}?\b(?:very,?\s+)*(?:modest|negligible)\b/gi,
  /\b(?:impact|exposure|damage|access|harm|effect)\b[^.;]{0,40}?\bis\s+limited\s+to\b/gi,
  /\b(?:less\s+than|only|just|under)\s+[$€£]\s?\d[\d,.]*/gi,
  /\bcannot\s+be\s+used\s+for\s+any\s+harm\b|\b(?:no|not\s+(?:a|any))\s+(?:real|significant|meaningful|actual|material|substantial|serious)\s+(?:harm|risk|impact|threat)\b/gi,
  // The whole event shrunk to a word: "merely a glitch", "just an inconvenience".
  /\b(?:merely|simply|just|only)\s+(?:a|an)\s+(?:\w+\s+)?(?:glitch|hiccup|blip|inconvenience|mistake|misunderstanding|misstep)\b/gi,
  // The harm sized by its kind, not its count: "limited types of customer information", "only affected names".
  /\blimited\s+(?:types?|kinds?|amounts?|sets?|categories|pieces)\s+of\b|\bonly\s+(?:affected|impacted|exposed|included|involved|contained|accessed)\b/gi,
  // Smaller than first said: "materially lower than initially believed". The odds as the answer: "one in 15
  // million", "an extremely rare set of circumstances".
  /\b(?:materially|significantly|much|far|considerably|substantially)\s+(?:lower|smaller|less|fewer)\s+than\s+(?:initially|first|previously|originally|earlier)\s+(?:believed|thought|reported|feared|estimated|expected)\b|\bone\s+in\s+(?:a\s+)?(?:[\d,.]+\s*)?(?:thousand|million|billion)\b|\b(?:extremely|very|highly|exceptionally)\s+rare\b/gi,
  // The failure as the rare exception, read from the comparison: "serve us well 99 percent of the time".
  /\b(?:(?:more\s+than|over|nearly|almost)\s+)?(?:[89]\d|100)(?:\.\d+)?\s*(?:%|percent)\s+of\s+the\s+time\b/gi,
  // The harm declared not expected, in any wording of expectation: "does not anticipate the data being shared or
  // made public", "we do not expect any misuse of personal information".
  /\b(?:do|does|did)(?:\s+not|n['’]t)\s+(?:anticipate|expect|foresee|believe)\b[^.;]{0,80}?\b(?:misuse[sd]?|fraud\w*|harm|shared|made\s+public|published|released|leaked|sold|exploited|used|(?:material|significant|meaningful)\s+(?:impact|effect|disruption))\b/gi,
  /\b(?:defects?|faults?|problems?|issues?)\s+in\s+some\s+of\s+our\b/gi,
  // The same in the passive: "is not expected to have a material impact", "are not believed to pose a significant risk".
  /\b(?:is|are|was|were)\s+not\s+(?:currently\s+)?(?:expected|anticipated|believed|likely)\s+to\s+(?:have|cause|pose|result\s+in)\s+(?:a\s+|any\s+)?(?:material|significant|meaningful|substantial|major)\s+(?:impact|effect|risk|harm|disruption)\b/gi,
  // "a few" in any degree: "very few reports", "relatively few customers".
  /\b(?:very|relatively|extremely|vanishingly|exceedingly)\s+(?:few|small\s+numbers?\s+of|low\s+numbers?\s+of)\s+(?:[\w-]+\s+)?(?:customers|users|clients|accounts|reports|cases|complaints|instances|people|members)\b/gi,
  // The harm made quick: "the incident was quickly contained". (Its scope said plainly, "isolated entirely to the
  // Cloud dashboard", is a fact customers need.)
  /\b(?:quickly|swiftly|rapidly|immediately|promptly)\s+(?:contained|stopped|shut\s+down)\b/gi,
  // "a brief summary" describes our text, not the outage.
  /\bbrief(?:ly)?\b(?!\s+(?:summary|description|overview|note|report|explanation|outline))/gi,
];

// The share left alone, said in any order with a positive frame: "for the vast majority of our customers ... the
// bank is running smoothly", "most of our users continue to work as normal". A recovery ("most users are able to
// sign in again") reports progress and is left alone.
const MOST =
  /\b(?:(?:vast|overwhelming|great)\s+majority|most\s+of\s+(?:our|the)\s+(?:customers|users|clients|members|merchants)|(?:[5-9]\d|100)(?:\.\d+)?\s*(?:%|percent)\s+of\s+(?:our\s+)?(?:customers|users|clients|members|merchants|accounts))\b/i;
const FINE_FRAME =
  /\b(?:running|working|operating|functioning|going)\s+(?:smoothly|fine|normally|as\s+(?:usual|normal))\b|\bunaffected\b|\b(?:experienced|saw|had|felt|noticed)\s+no\b|\bcontinue[sd]?\s+(?:to\s+\w+\s+)?(?:as\s+(?:usual|normal)|without\s+(?:issue|interruption|disruption))\b/i;
const RECOVERING = /\b(?:again|now|restored|recovered|resumed|back|since)\b/i;

/** Words that shrink the harm. To the customer whose payments failed, it was not minor. */
export const minimisingImpact: LintRule = {
  id: 'minimising-impact',
  severity: 'warning',
  title: 'Minimising the impact ("a small number of customers", "only a few", "minor", "90% were not affected", "tiny in relation to")',
  check(doc, ctx) {
    const found = phraseFindings(this, doc, PATTERNS, (m, sentence) => {
      const rest = doc.text.slice(m.end, sentence.end);
      // "In brief," is a figure of speech; "briefly ... from 15:07 to 15:13 UTC" states how brief.
      if (/^brief/i.test(m.text) && (/\bin\s+brief\s*$/i.test(doc.text.slice(sentence.start, m.end)) || STATED_SPAN.test(doc.text)))
        return null;
      if (/^only\s+(?:about\s+|around\s+)?\d/i.test(m.text) && GOOD_OUTCOME.test(rest)) return null;
      const count = ctx.affectedCustomers;
      const known = count !== undefined && count > 0 ? ` The incident lists ${count} affected customer${count === 1 ? '' : 's'}.` : '';
      return {
        message: `"${m.text}" plays the impact down. To a customer who was hit, it was not small, and they read it as the company caring more about its image than about them.${known}`,
        suggestion:
          count !== undefined && count > 0
            ? `Give the number plainly: "${count} customer${count === 1 ? ' is' : 's are'} affected", and say what they cannot do.`
            : 'Give the number or share plainly ("about 1,200 customers", "about 8% of card payments") and what they cannot do; say "are affected", not "may be".',
      };
    });
    for (const sentence of doc.sentences) {
      if (found.some((f) => f.start < sentence.end && sentence.start < f.end)) continue;
      const most = MOST.exec(sentence.text);
      if (!most || !FINE_FRAME.test(sentence.text) || RECOVERING.test(sentence.text)) continue;
      const start = sentence.start + most.index;
      found.push({
        rule: this.id,
        severity: this.severity,
        start,
        end: start + most[0].length,
        message: `"${most[0]}" offers the customers who felt nothing as the answer. To a customer who was hit, that says they do not count.`,
        suggestion:
          'Lead with who is affected and what they cannot do ("about 1.9 million customers cannot log in to online banking"), then what works.',
      });
    }
    return found;
  },
};
