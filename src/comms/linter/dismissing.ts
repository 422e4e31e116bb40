import { phraseFindings } from './scan.js';
import type { LintRule } from './types.js';

const PATTERNS = [
  // "Everything is fine now", "it's all good now" (but not "card payments work normally again", nor "everything is
  // back to normal", which reports a recovery).
  /\b(?:everything|all|it|things)(?:'s|\s+is|\s+are|\s+was)\s+(?:(?:all|totally|completely|absolutely|now|working|back)\s+)?(?:fine|good|ok(?:ay)?|sorted|great|perfect|well)(?:\s+now)?\b/gi,
  /\ball\s+(?:good|fine|ok(?:ay)?)\s+(?:now|again)\b/gi,
  /\b(?:everything|all|it|things)\s+should\s+be\s+(?:all\s+)?(?:fine|good|ok(?:ay)?|smooth)\b|\b(?:all|everything)\s+smooth\b/gi,
  /\bnothing\s+(?:you\s+need\s+)?to\s+(?:worry|be\s+(?:worried|concerned))\s+about\b|\bnothing\s+to\s+see\s+here\b/gi,
  /\bno\s+(?:need|reason)\s+to\s+(?:worry|panic|be\s+(?:alarmed|concerned|worried))\b|\b(?:do(?:es)?\s+not|do(?:es)?n['’]t)\s+need\s+to\s+(?:worry|panic|be\s+(?:alarmed|concerned|worried))\b|\brest\s+easy\b|\bno\s+cause\s+for\s+(?:concern|alarm)\b|\bno\s+worries\b/gi,
  /\b(?:not\s+a|no)\s+big\s+deal\b|\bblown\s+out\s+of\s+proportion\b|\bnon[-\s]?issue\b|\boverreact\w*/gi,
  // Telling people how to feel, or that it is old news: "Calm down", "getting all worked up over rumors",
  // "This is a fact of life", "This is old data that was previously reported".
  // "one of the unfortunate realities of doing business", "already publicly available online": nothing to see.
  /\b(?:unfortunate\s+)?realit(?:y|ies)\s+of\s+(?:doing\s+business|life|the\s+internet|operating\s+online)\b|\bpart\s+of\s+doing\s+business\b|\b(?:increasingly|very|all\s+too)\s+common\s+(?:across|in|throughout)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+)?industry\b|\bhappens?\s+to\s+(?:every|all)\s+(?:companies|company|businesses)\b|\bthese\s+things\s+happen\b|\balready\s+publicly\s+available\b|\b(?:data|information|dataset|records)\b[^.;]{0,40}?\balready\s+(?:public|available)\b/gi,
  /\bcalm\s+down\b|\b(?:getting|get)\s+(?:all\s+)?worked\s+up\b|\ba\s+fact\s+of\s+life\b|\b(?:this|it)\s+is\s+old\s+(?:data|news)\b/gi,
  /\b(?:please\s+)?disregard\b|\b(?:can|may)\s+(?:safely\s+)?ignore\b/gi,
  /\b(?:gone\s+away|went\s+away|resolved\s+itself|fixed\s+itself)\s*(?:on\s+its\s+own)?\b/gi,
  /\bcarry\s+on\s+as\s+normal\b/gi,
];

// Reassurance without evidence: what customers hold (their data, funds, accounts) or the company itself declared
// safe, fine or no risk, with nothing in the sentence that shows it ("FTX is fine. Assets are fine.", "you should
// have confidence in using them", "there is not a significant risk to our customers", "customers remain fully
// protected"). Read as a shape, subject + "is/remain" + a safety word, not as a list of sentences.
const HELD = String.raw`(?:data|information|details|assets|funds|money|deposits|savings|accounts?|passwords?|records|privacy|customers|users|clients|members|you|systems?|platform|network|infrastructure|environment|[A-Z][\w&.-]*)`;
const REASSURANCE = [
  new RegExp(
    String.raw`\b${HELD}\s+(?:is|are|remains?|stays?|will\s+(?:remain|stay|be))\s+(?:still\s+)?(?:completely\s+|fully\s+|perfectly\s+|absolutely\s+|totally\s+|100%\s+)?(?:fine|safe|secure|protected|intact)\b`,
    'g',
  ),
  /\b(?:should|can|may)\s+(?:continue\s+to\s+)?(?:have|feel)\s+(?:full\s+|complete\s+|every\s+)?confidence\b|\brest\s+assured\b/gi,
  /\b(?:absolutely|completely|perfectly|totally|100%)\s+(?:safe|secure)\b/gi,
  /\bnot\s+(?:a\s+|any\s+)?(?:significant|material|substantial|serious|real|meaningful)\s+(?:risk|threat|concern)\b/gi,
  // A record or a strength claimed in place of what happened: "a long history of safeguarding client assets",
  // "industry-leading security practices".
  /\b(?:long|proven|strong|excellent)\s+(?:history|track\s+record)\s+of\b|\b(?:industry[- ]leading|world[- ]class|best[- ]in[- ]class|state[- ]of[- ]the[- ]art|robust|rigorous)\s+(?:security|protections?|safeguards|measures|controls|practices)\b/gi,
  // The harm as normal, nothing to be done: "attacks like this are on the rise", "security, it's an arms race",
  // "no company is immune".
  /\b(?:attacks?|breaches|incidents|outages|threats)\b[^.;]{0,40}?\b(?:are|is)\s+(?:\w+ly\s+)?(?:on\s+the\s+rise|increasing|inevitable)\b|\barms\s+race\b|\bno\s+(?:company|organi[sz]ation|system|one|business)\s+(?:is|can\s+be)\s+(?:immune|(?:100%|completely|fully|totally)\s+secure)\b|\bhappens?\s+to\s+(?:everyone|the\s+best)\b/gi,
];
// What makes a reassurance a fact: a number, a reason or a scope in the same sentence ("your products stay safe,
// only search is affected, and rebuilding takes about 40 minutes").
const SHOWN = /\d|\bbecause\b|\bonly\b|\bexcept\b|\bnever\s+(?:stored|held|kept)\b/i;

/** Brushing it off: customers who lost an afternoon's sales do not want to hear it was nothing. */
export const dismissing: LintRule = {
  id: 'dismissing',
  severity: 'warning',
  title: 'Dismissing ("everything is fine now", "nothing to worry about", "please disregard")',
  check(doc) {
    const said = (m: { text: string }) => ({
      message: `"${m.text}" brushes the outage off. To a customer who lost sales or time, it says their experience did not matter.`,
      suggestion:
        'Say what works again and since when, what it cost them, and what we are changing: "Card payments have worked normally since 15:10 UTC. For over an hour you could not take payments; we are sorry."',
    });
    const phrases = phraseFindings(this, doc, PATTERNS, said);
    const reassured = phraseFindings(this, doc, REASSURANCE, (m, sentence) =>
      phrases.some((f) => f.start < sentence.end && sentence.start < f.end) || SHOWN.test(sentence.text) ? null : said(m),
    );
    return [...phrases, ...reassured];
  },
};
