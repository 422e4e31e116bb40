// Denial read from structure: a negated claim about our own service, or about the reports of harm.
// "The Okta service has not been breached", "This is not a security incident", "The claim that this is a data
// breach is completely false", "Recent reports that these exploits are caused by a bug are incorrect",
// "There is no reception issue", "No defect exists", "found no evidence that this data originated from the
// exploitation of our systems". Negations that scope an impact ("customers in the US were not affected",
// "this does not affect verified domains") or report a recovery ("we no longer see errors") are not denial.
import { isNegation, tag, type Term } from './nlp.js';
import type { Match } from './scan.js';
import type { Sentence } from './types.js';

// Cheap word check first: only sentences with a negation or a word of falsity are tagged.
const CANDIDATE =
  /\b(?:not|no|never|none|nothing|deny|reject|refute|dispute|repudiate|false|incorrect|untrue|inaccurate|misleading|mistaken|wrong|prevented|baseless|unfounded|fake|erroneous|exaggerated|overstated|overblown|sensationali[sz]ed|clickbait)\b|n['’]t\b/i;
// "We have not seen errors since 15:10 UTC": a recovery, not a denial.
const RECOVERY = /\b(?:since|again|anymore|no\s+longer|restored|recovered|resumed|after\s+the\s+fix)\b/i;

/** Harm a company can deny having: what customers or reporters say happened. */
const HARM =
  /^(?:breach(?:es|ed)?|hack(?:s|ed)?|incidents?|cyber-?attacks?|attacks?|outages?|issues?|problems?|defects?|flaws?|bugs?|faults?|failures?|compromised?|plumes?|events?|vulnerabilit(?:y|ies)|exploits?|downtime|leaks?|errors?)$/;
const BREACHED = /^(?:breached|hacked|compromised|attacked|infiltrated|penetrated|accessed|exploited|infected)$/;
const REPORTS = /\b(?:reports?|claims?|articles?|allegations?|rumou?rs?|stories|story|press\s+release|warning|news)\b/i;
const FALSITY =
  /\b(?:false|incorrect|untrue|inaccurate|misleading|mistaken|wrong|erroneous|baseless|unfounded|exaggerated|overstated|overblown|sensationali[sz]ed|clickbait|not\s+true|aren['’]t\s+true|isn['’]t\s+true|not\s+accurate)\b/i;
const SECURITY =
  /\b(?:unauthori[sz]ed|breach\w*|hack\w*|exploit\w*|compromis\w*|malicious|intrusion|originated|stolen|accessed|exfiltrat\w*|misuse[sd]?|fraud\w*|targeted|leak(?:ed|s)?|source\s+of|obtained|acquired|taken|copied|downloaded|exposed|(?:affected|impacted)\s+(?:your|any|customer|client|user|personal)\s+(?:[\w-]+\s+)?(?:data|information|accounts?))\b/i;
// "not a result of 23andMe's alleged failure", "not through hacking our systems", "it wasn't because we weren't communicating"
// "our controls prevented the threat actor from accessing any customer data", "did not impact its guest reservation
// database": what the attacker reached, declared nothing.
const HARM_PREVENTED =
  /\bprevented\s+(?:the\s+)?(?:threat\s+actors?|attackers?|hackers?|intruders?|them)\s+from\s+(?:accessing|obtaining|reaching|stealing|viewing)\b|\b(?:did|does|has|have|had)\s+not\s+(?:impact(?:ed)?|affect(?:ed)?|reach(?:ed)?|touch(?:ed)?|compromise[sd]?)\s+(?:its|our|their)\s+(?:[\w-]+\s+){0,3}?(?:database|systems?|network|servers?|platform|data|infrastructure)\b/i;
const NOT_OURS =
  /\b(?:do|does|did)\s+not\s+believe\s+(?:that\s+)?(?:the\s+)?(?:attackers?|hackers?|intruders?|threat\s+actors?|they)\s+(?:removed|accessed|stole|obtained|took|exfiltrated|viewed|downloaded)\b|\b(?:do|does|did)(?:\s+not|n['’]t)\s+believe\s+(?:that\s+)?(?:any\s+)?(?:[\w-]+\s+){0,2}?(?:data|information|details|records|credentials|passwords?)\s+(?:was|were|has\s+been|have\s+been)\s+(?:accessed|taken|stolen|compromised|exposed|obtained|acquired|viewed|exfiltrated|copied|downloaded)\b|(?:\bnot|n['’]t)\s+(?:a\s+result\s+of|because(?:\s+of)?|due\s+to|caused\s+by|through|the\s+result\s+of)\s+[^.;]{0,60}?\b(?:our|we|us|failure|fault|hacking|negligence)\b|\bnot\s+a\s+(?:corporate|company|management|board)\s+decision\b/i;

// What customers hold, declared untouched by the attack in any verb of taking: "no financial information was
// accessed", "no card data has been obtained". (Lost in an outage is a fact, not a denial: "no data was lost".)
const HOLDINGS_UNTOUCHED =
  /\bno\s+(?:[\w-]+\s+){0,3}?(?:information|data|details|records|credentials|passwords?|numbers|files)\s+(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:accessed|taken|stolen|compromised|exposed|leaked|obtained|acquired|viewed|exfiltrated|copied|downloaded)\b/i;
// Our speed offered as the answer: "we've acted very, very quickly", "we responded swiftly".
const ACTED_FAST =
  /\bwe(?:['’]ve|\s+have)?\s+(?:acted|moved|responded|reacted)\s+(?:(?:very|extremely|incredibly|really),?\s+)*(?:quickly|swiftly|promptly|rapidly|fast|decisively|immediately)\b/i;

type Span = { start: number; end: number };

/** The first denial in a sentence, with its offsets in the text, or null. */
export function structuralDenial(s: Sentence): Match | null {
  const fast = regexHit(ACTED_FAST, s.text);
  if (fast) return { start: s.start + fast.start, end: s.start + fast.end, text: s.text.slice(fast.start, fast.end) };
  if (!CANDIDATE.test(s.text) || RECOVERY.test(s.text)) return null;
  const hit: Span | null =
    reportsCalledFalse(s.text) ??
    regexHit(NOT_OURS, s.text) ??
    regexHit(HOLDINGS_UNTOUCHED, s.text) ??
    regexHit(HARM_PREVENTED, s.text) ??
    evidenceDenied(s.text) ??
    taggedDenial(s.text);
  return hit ? { start: s.start + hit.start, end: s.start + hit.end, text: s.text.slice(hit.start, hit.end) } : null;
}

// Only sentences that could hold a tagged denial are tagged: parts of speech cost a millisecond or more a sentence.
const TAGGED_CANDIDATE =
  /\bthere\b[^.;]*?(?:\bno\b|\bnot\b|n['’]t\b)|\b(?:this|it|that|today)\s+(?:is|was|were|are)(?:\s+not\b|n['’]t\b)|^\s*no\b[^.;]*\b(?:exists?|existed|occurred|happened)\b|(?:\bnot|n['’]t)\s+(?:been\s+|yet\s+been\s+)?(?:breached|hacked|compromised|attacked|infiltrated|penetrated)\b|\bnot\s+had\b/i;

function taggedDenial(text: string): Span | null {
  if (!TAGGED_CANDIDATE.test(text)) return null;
  const terms = tag(text);
  return harmDenied(terms) ?? ourServiceNotBreached(terms);
}

function regexHit(re: RegExp, text: string): Span | null {
  const m = re.exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}

// "Recent reports that ... are incorrect", "the claim that this is a data breach is completely false",
// "the CPSC's press release ... because it is inaccurate and misleading", "news articles claiming ... aren't true".
// Any verb of denying aimed at what is said about us: "we categorically reject these allegations", "we dispute the claims".
const DENIES_REPORTS =
  /\bwe\s+(?:categorically\s+|strongly\s+|firmly\s+|flatly\s+|vigorously\s+|completely\s+)?(?:deny|reject|refute|dispute|repudiate)\s+(?:the\s+|these\s+|those\s+|any\s+|all\s+|such\s+)?(?:[\w-]+\s+)?(?:claims?|allegations?|reports?|suggestions?|assertions?|characteri[sz]ations?|accusations?)\b/i;

function reportsCalledFalse(text: string): Span | null {
  const denied = DENIES_REPORTS.exec(text);
  if (denied) return { start: denied.index, end: denied.index + denied[0].length };
  // The falsity said first: "a competitor is trying to go after us with false rumors", "baseless claims".
  const called =
    /\b(?:false|untrue|inaccurate|misleading|baseless|unfounded|fake|erroneous|exaggerated|overblown|sensationali[sz]ed|clickbait)\s+(?:[\w-]+\s+)?(?:reports?|claims?|rumou?rs?|allegations?|stories|news|articles?|headlines?)\b/i.exec(
      text,
    );
  if (called) return { start: called.index, end: called.index + called[0].length };
  const report = REPORTS.exec(text);
  if (!report) return null;
  const falsity = FALSITY.exec(text.slice(report.index));
  if (!falsity) return null;
  return { start: report.index, end: report.index + falsity.index + falsity[0].length };
}

// "no evidence of unauthorized activity", "found no evidence that this data originated from the exploitation".
// Any negated verb of finding counts as much as "no": "have not seen evidence of fraud or misuse", "does not have
// evidence of unauthorized access", "identified no evidence that customer information was accessed".
function evidenceDenied(text: string): Span | null {
  const m =
    /(?:\b(?:no|not|never|without)|n['’]t)\s+(?:(?:[\w-]+\s+){0,3}?(?:any|an?)\s+|(?:seen|found|have|had|has|identified|detected|observed)\s+(?:any\s+)?)?(?:evidence|indications?|signs?|traces?|proof|reason\s+to\s+(?:believe|think|suspect))\b|\bnothing\s+(?:to\s+)?(?:suggests?|indicates?|shows?)\b|\bnothing\s+(?:that\s+)?(?:suggests|indicates|shows)\b/i.exec(
      text,
    );
  return m && SECURITY.test(text.slice(m.index)) ? { start: m.index, end: m.index + m[0].length } : null;
}

// "There is no reception issue", "There aren't any plumes", "This is not a security incident", "No defect exists",
// "We have not had a single service event": the harm itself negated, not a part of the service scoped out.
function harmDenied(terms: readonly Term[]): Span | null {
  for (let i = 0; i < terms.length; i++) {
    if (!isNegation(terms[i]!)) continue;
    const existential = terms.slice(Math.max(0, i - 3), i).some((t) => t.norm === 'there');
    // "No defect exists": a sentence-initial "no" denies only with a verb of existence after it.
    const noneExists =
      i === 0 && terms[i]!.norm === 'no' && terms.slice(i + 1, i + 6).some((t) => /^(?:exists?|existed|occurred|happened)$/.test(t.norm));
    const identity = /^(?:is|was|were|are)$/.test(terms[i - 1]?.norm ?? '') && /^(?:this|it|that|today)$/.test(terms[i - 2]?.norm ?? '');
    const hadNone = terms[i + 1]?.norm === 'had';
    if (!existential && !noneExists && !identity && !hadNone) continue;
    // The negated noun phrase: a few words, stopping at a preposition that scopes it ("no issue with X").
    for (let j = i + 1; j < Math.min(terms.length, i + 7); j++) {
      const t = terms[j]!;
      if (t.tags.has('Preposition') && t.norm !== 'of') break;
      if (HARM.test(t.norm) && t.tags.has('Noun')) return { start: terms[i]!.start, end: t.end };
      // "There aren't any plumes": any noun at all, negated outright.
      if (existential && terms[i + 1]?.norm === 'any' && j === i + 2 && t.tags.has('Noun')) return { start: terms[i]!.start, end: t.end };
    }
  }
  return null;
}

const CUSTOMER_HELD =
  /^(?:accounts?|data|information|details|passwords?|cards?|customers?|users?|records|credentials|payments?|funds|you|your)$/;

// "The Okta service has not been breached", "our systems were not compromised", "Dropbox wasn't hacked".
function ourServiceNotBreached(terms: readonly Term[]): Span | null {
  for (let i = 1; i < terms.length - 1; i++) {
    if (!isNegation(terms[i]!)) continue;
    const breached = terms.slice(i + 1, i + 3).find((t) => BREACHED.test(t.norm));
    if (!breached) continue;
    const subject = terms.slice(Math.max(0, i - 5), i).filter((t) => t.tags.has('Noun'));
    // A capitalised name the tagger takes for a common noun ("Clubhouse has not been breached") is still a name;
    // what customers hold ("Accounts were not compromised") scopes the harm rather than denying it.
    const ours = subject.some(
      (t) =>
        /^(?:our|we|service|services|systems?|platform|network|servers?)$/.test(t.norm) ||
        t.tags.has('ProperNoun') ||
        (/^[A-Z]/.test(t.text) && !CUSTOMER_HELD.test(t.norm)),
    );
    if (ours) return { start: subject[0]!.start, end: breached.end };
  }
  return null;
}
