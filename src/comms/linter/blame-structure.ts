// Blame read from structure: the customer as the agent of the failure, or as the condition for safety.
// "users negligently recycled and failed to update their passwords", "why this customer defied ... officers",
// "fans who didn't have invite codes, drove unprecedented traffic", "as long as all warnings and safety
// instructions are followed", "customers who follow our password best practices", "you are most likely in an
// area with very low signal strength", "just avoid holding it in that way". Customers as the ones it happened
// to ("users being incorrectly geolocated by some third party services") are not blamed.
import { tag, type Term } from './nlp.js';
import type { Match } from './scan.js';
import type { Sentence } from './types.js';

const WHO = /^(?:customers?|users?|clients?|members?|fans|owners?|drivers?|pilots?|passengers?|people|shoppers|merchants|subscribers|you)$/;
const FAULT_ADVERB = /^(?:negligently|carelessly|improperly|incorrectly|wrongly|recklessly|repeatedly)$/;
const FAULT_VERB =
  /^(?:recycled|reused|re-used|forgot|neglected|misused|misconfigured|defied|ignored|disregarded|violated|abused|overloaded|hammered|drove|caused|triggered|broke|refused)$/;
// "failed to update their passwords" blames; "failed to log in" reports the harm.
const DUTY = /^(?:update|follow|change|secure|protect|enable|read|check|keep|use|install|configure|rotate)$/;
const FAULT_WORD =
  /\b(?:negligently|carelessly|improperly|incorrectly|wrongly|recklessly|repeatedly|recycled|reused|re-used|forgot|neglected|misused|misconfigured|defied|ignored|disregarded|violated|abused|overloaded|hammered|drove|caused|triggered|broke|refused|failed\s+to)\b/i;
const BE = /^(?:being|been|be|is|are|was|were|get|got|gets|getting)$/;

const CONDITIONS = [
  // "as long as all warnings and safety instructions are followed", "if the warnings ... are not followed"
  /\b(?:as\s+long\s+as|provided(?:\s+that)?|only\s+if|if|unless|when)\s+(?:[\w’']+\s+){0,5}?(?:warnings?|instructions?|guidelines|best\s+practices|precautions|directions|recommendations)\s+(?:[\w’']+\s+){0,5}?(?:are|is|were|was)\s+(?:not\s+)?(?:followed|observed|heeded|respected)\b/i,
  // "customers who follow our password best practices"
  /\b(?:who|that)\s+(?:follow|follows|followed|heed|heeded|observe|observed|adhere\s+to|adhered\s+to)\s+(?:our|the)\s+(?:[\w’']+\s+){0,2}(?:best\s+practices|guidelines|instructions|recommendations|advice|guidance|security\s+practices)\b/i,
  // "you are most likely in an area with very low signal strength"
  /\byou(?:['’]re|\s+are)\s+(?:most\s+likely|probably|likely)\s+(?:in|on|using|holding|running|doing)\b/i,
  // "when people reuse the same username and password", "customers often use the same username and password":
  // customers' own password habits made the cause.
  /\b(?:customers?|users?|people|members|subscribers|you)\s+(?:often\s+|commonly\s+|frequently\s+|sometimes\s+|still\s+)?(?:re-?use[sd]?|recycle[sd]?|share[sd]?)\s+(?:the\s+same\s+|their\s+|old\s+|weak\s+)?(?:[\w-]+\s+){0,3}?(?:passwords?|credentials|logins?)\b|\b(?:customers?|users?|people)\s+(?:often\s+|commonly\s+)?use\s+the\s+same\s+(?:[\w-]+\s+){0,3}?passwords?\b/i,
  // The crowd made the cause: "it's a function of the massive demand that Taylor Swift has". (Our capacity named as
  // the cause, "our servers ran out of capacity under high load", owns it.)
  /\b(?:function|result|product|consequence)\s+of\s+(?:the\s+|such\s+)?(?:massive|huge|unprecedented|extraordinary|overwhelming|enormous|historic|incredible|insane|record)\s+(?:demand|traffic|volumes?|interest|numbers)\b/i,
  // "just avoid holding it in that way": the way customers hold the product is not the fault.
  /\b(?:just\s+|simply\s+)?avoid\s+(?:holding|gripping|touching|covering)\b/i,
];
// "in order to help ensure that you ... stay safe ..., we need your help": safety made the customer's job.
const SAFETY = /\bsafe(?:ty)?\b/i;
const YOUR_JOB = /\bwe\s+need\s+your\s+help\b|\bit\s+is\s+(?:up\s+to\s+you|your\s+responsibility)\b/i;
const CANDIDATE =
  /\b(?:customers?|users?|clients?|members?|fans|owners?|drivers?|pilots?|passengers?|people|shoppers|merchants|subscribers|you)\b/i;

/** The first place a sentence makes the customer the cause of the failure, or the condition for safety. */
export function structuralBlame(s: Sentence): Match | null {
  for (const re of CONDITIONS) {
    const m = re.exec(s.text);
    if (m) return at(s, m.index, m.index + m[0].length);
  }
  if (SAFETY.test(s.text)) {
    const m = YOUR_JOB.exec(s.text);
    if (m) return at(s, m.index, m.index + m[0].length);
  }
  // Tag only a sentence that names customers and a fault word: parts of speech cost a millisecond a sentence.
  if (!CANDIDATE.test(s.text) || !FAULT_WORD.test(s.text)) return null;
  const hit = customerAsAgent(tag(s.text));
  return hit ? at(s, hit.start, hit.end) : null;
}

function at(s: Sentence, start: number, end: number): Match {
  return { start: s.start + start, end: s.start + end, text: s.text.slice(start, end) };
}

// The customer noun as the subject, then within a few words (a relative clause may sit between) a fault
// adverb or a fault verb in the active voice.
function customerAsAgent(terms: readonly Term[]): { start: number; end: number } | null {
  for (let i = 0; i < terms.length; i++) {
    const who = terms[i]!;
    if (!WHO.test(who.norm) || !who.tags.has('Noun')) continue;
    // "affecting users", "for customers", "to you": the customer as object, not agent.
    if (/^(?:to|for|of|from|by|with|affecting|impacting|affect|impact|help|helping)$/.test(terms[i - 1]?.norm ?? '')) continue;
    for (let j = i + 1; j < Math.min(terms.length, i + 9); j++) {
      const t = terms[j]!;
      // Passive: "users being incorrectly geolocated by ...": it was done to them.
      if (BE.test(t.norm) && j <= i + 2) break;
      const failedToDuty = t.norm === 'failed' && terms[j + 1]?.norm === 'to' && DUTY.test(terms[j + 2]?.norm ?? '');
      if (FAULT_ADVERB.test(t.norm) || (FAULT_VERB.test(t.norm) && t.tags.has('Verb')) || failedToDuty)
        return { start: who.start, end: t.end };
    }
  }
  return null;
}
