// What a text says fails (or came back), for the rules that ask whether an update says what is affected.
import { isName, tag, type Term } from './nlp.js';
import { sentences } from './scan.js';

// What a customer sees go wrong (or come back): failing, stuck at 0%, crashing, arriving late, not sent.
export const EFFECT = new RegExp(
  [
    String.raw`\b(?:affect(?:s|ed|ing)?|impact(?:s|ed|ing)?)\b(?!\s+(?:our|the|some|certain)?\s*(?:users|customers|services?|systems?|platform|infrastructure)\b)`,
    String.raw`\b(?:fail(?:s|ed|ing|ures?)?|unavailable|not\s+available|down|outage|errors?|cannot|can't|can\s+not|could\s+not|couldn't|unable|degraded|slow(?:er|ly)?|delay(?:s|ed)?|late|backlog|timing\s+out|time\s+out|timeouts?|disrupt(?:ed|ions?)|interrupt(?:ed|ions?)|missing|lost|rejected|declined|duplicated?|stopped|broken|offline|inaccessible|unreachable|stuck|stalled|frozen|hang(?:s|ing)?|hung|crash(?:es|ed|ing)?|drop(?:s|ped|ping)?|empty|blank|wiped|held|restored|recovered|stable\s+again|back\s+(?:up|online|to\s+normal))\b`,
    String.raw`\b(?:is|are|was|were|isn't|aren't|wasn't|weren't|have\s+been|has\s+been)\s+not\s+\w+ing\b|\bnot\s+(?:have\s+been\s+|been\s+|be\s+)?(?:working|loading|sending|receiving|processing|arriving|returning|showing|starting|progressing|load|send|sent|receive|received|process|processed|arrive|work|delivered|connect(?:ing)?|start|progress)\b|\b(?:do|does|did|don't|doesn't|didn't|isn't|aren't)\s+(?:not\s+)?(?:work|load|arrive|start|progress|connect|show|return)\w*`,
    String.raw`\b(?:did|does|do|could|can|would|were|was|are|is|have|has|had|may|might|wo)(?:\s+not|n't)\s+(?:be\s+|been\s+)?(?!know|yet|need|have|think|believe|expect|see\s+any|found|find|seen|detected|identified|received)[a-z]{3,}`,
    // Any adverb between the verb and the state ("is fully functional"), something coming back ("as access to
    // published Makes becomes available"), or what it broke ("breaking syntax highlighting").
    String.raw`\b(?:is|are|be|been)\s+(?:now\s+)?(?:fully|once\s+again|again|completely)\s+(?:functional|accessible|reachable|available|usable)\b|\b(?<!\b(?:it|information|details|updates?|news|more|data|this|that)\s)becomes?\s+(?:\w+\s+)?(?:available|accessible|reachable|functional|usable)\b|\bbreak(?:s|ing)\s+(?!changes?\b)(?:the\s+)?[a-z]+`,
    String.raw`\b(?!(?:an?|the|this|that|some|any|technical|unexpected|minor|small|major|known|an?\s+\w+)\b)[a-z]+(?:-[a-z]+)?\s+(?:issues?|problems?|outages?|failures?)\b`,
    String.raw`\bbuffer(?:s|ed|ing)\b|\bspins?\b|\bshow(?:s|ed|ing)?\s+(?:\w+\s+){0,2}?(?:grey|gray|blank|empty|wrong|old|outdated|stale|no)\b|\b(?:outdated|stale|wrong)\s+(?:prices?|data|results|balances?)\b`,
    String.raw`\b(?:no|without)\s+(?:data|results|results?\s+for)\b|\b(?:trouble|problems?|issues?|difficult(?:y|ies))\s+(?:with\s+)?\w+ing\b|\bwork(?:s|ed|ing)?\s+(?:again|normally|as\s+intended)|\b(?:flowing|arriving|loading|printing|connecting|syncing)\s+again\b|\b(?:show|print|load|arrive|connect|sync)s?\s+(?:\w+\s+)?again\b`,
    // What came back, said the ways status pages say it: "available once again", "have returned to normal",
    // "we no longer observe latency", "re-enabled these notifications", "are being sent successfully".
    String.raw`\bavailable\s+(?:once\s+)?again\b|\breturned\s+to\s+normal\b|\bno\s+longer\s+(?:observe|see|experienc)\w*\s+(?:\w+\s+){0,2}?(?:latency|errors?|delays?|issues?|failures?|timeouts?)\b|\bre-?enabled\b|\b(?:remain|remains|is|are)\s+disabled\b`,
    String.raw`\b(?:sent|delivered|created|processed|published|deployed|completed|saved|loaded)\s+successfully\b|\b(?:publishing|processing|processed|loading|sending|delivering|syncing|running)\s+(?:normally|as\s+expected)\b|\b(?:should\s+be\s+|are\s+|is\s+)functional\b|\bslow(?:ness|down)\b|\bfix(?:es|ed)?\s+for\s+(?:the\s+)?(?!(?:this|that|an?|the)\s)(?!issues?\b|problems?\b|incidents?\b)\w+|\blatency\b|\bdowntime\b|\brecovering\b|\b(?:should\s+)?(?:now\s+be|are\s+now|is\s+now)\s+operating\s+normally\b`,
    // "should be working correctly now", "our ticketing system is fully operational", "loads have completed",
    // "new support cases can be created", "tests not running".
    String.raw`\bwork(?:s|ed|ing)?\s+(?:correctly|properly)\b|\b\w+ing\s+(?:system|service|portal|tool)s?\s+(?:is|are)\s+(?:now\s+)?(?:fully\s+)?(?:operational|available|back)\b|\b(?:loads?|jobs?|backups?|imports?|exports?|syncs?|builds?|backfills?|runs?)\s+(?:have|has)\s+(?:now\s+)?completed\b|\bcan\s+(?:now\s+)?(?:again\s+)?be\s+(?:created|used|accessed|opened|submitted|loaded|viewed|edited|sent)\b|\bnot\s+(?:running|playing|streaming|syncing|updating|responding|deploying|building|displaying|rendering|starting)\b`,
    // "preventing some users from starting print jobs", "issues of broadcasters not being able to stream".
    String.raw`\bprevent(?:s|ed|ing)?\s+[^.;]{0,50}?\bfrom\s+\w+ing\b|\b(?:issues?|problems?)\s+(?:of|with|where)\s+[^.;]{0,50}?\bnot\s+(?:being\s+able\s+to\s+)?\w+|\b(?:issues?|problems?|errors?|trouble)\s+with\s+(?!(?:our|the|your|this|that|an?|some)\b)\w+`,
  ].join('|'),
  'i',
);

export const NOT_AN_EFFECT =
  /\b(?:no|not\s+an?|any)\s+(?:outage|errors?|issues?|problems?)\b|\b(?:unable\s+to|cannot|can't|could\s+not)\s+(?:provide|share|give|comment|disclose|confirm|say)\b/gi;

// A named product or feature with the word for its trouble or its recovery: "System Metrics fix", "Trelica is
// fully operational", "all Reddit services are available", "the issue with Copilot".
const TROUBLE = /^(?:fix|fixes|issues?|problems?|outages?|errors?|degradation|disruption|incident|latency|delays?)$/;
const UP_AGAIN = /^(?:operational|available|restored|healthy|stable)$/;

// Status-page labels ("Monitoring - A fix was ...") and sentence openers are capitalised without naming anything.
const NOT_A_NAME = /^(?:investigating|identified|monitoring|resolved|update|postmortem|if|please|we|our|the|a|an|this|that|dear)$/i;

function namesWhatFails(sentence: string): boolean {
  if (!/[A-Z]/.test(sentence.slice(1))) return false;
  const terms = tag(sentence);
  const named = (i: number): boolean => {
    const t = terms[i];
    if (!t) return false;
    // Two capitalised words in a row name something even at the start of a sentence ("System Metrics").
    const capital = /^[A-Z]/.test(t.text) && (i > 0 || /^[A-Z]/.test(terms[i + 1]?.text ?? '') || /^[A-Z]/.test(terms[i - 1]?.text ?? ''));
    return (isName(t) || capital) && !NOT_A_NAME.test(t.text) && !t.tags.has('Determiner') && !t.tags.has('Pronoun');
  };
  for (let i = 0; i < terms.length; i++) {
    if (!named(i)) continue;
    const after = terms.slice(i + 1, i + 6);
    if (TROUBLE.test(after[0]?.norm ?? '') || (named(i + 1) && TROUBLE.test(after[1]?.norm ?? ''))) return true;
    if (
      after.slice(0, 4).some((t) => UP_AGAIN.test(t.norm)) &&
      after.slice(0, 3).some((t) => /^(?:is|are|was|were|remain|remains)$/.test(t.norm))
    )
      return true;
    if (/^(?:with|for|in|on|affecting|impacting)$/.test(terms[i - 1]?.norm ?? '') && TROUBLE.test(terms[i - 2]?.norm ?? '')) return true;
  }
  return false;
}

/** True when the text says what fails or what came back, in the customer's terms. */
export function saysWhatFails(text: string): boolean {
  const plain = text.replace(NOT_AN_EFFECT, '');
  return EFFECT.test(plain) || sentences(plain).some((s) => namesWhatFails(s.text) || thingChanged(s.text));
}

// A thing customers use, said to be in some state, read from the clause and not from a list of symptoms: "search
// results are incomplete", "syncing between devices is paused", "invoices were generated with the wrong tax rate",
// "users are being logged out unexpectedly". Not a thing: us, our work on it, or the incident itself ("the team is
// investigating", "a fix has been deployed", "the issue has been identified"), nor the generic whole ("all systems").
const NOT_A_THING =
  /^(?:we|us|our|i|you|it|its|this|that|they|these|those|issue|problem|incident|fix|team|engineer|engineering|investigation|cause|update|status|service|system|platform|everything|thing|all|situation|matter|monitoring|mitigation|change|work|patch|workaround|work-around|resolution|root|progress|impact|detail|information|support|page|post|step|action|measure|effort|provider|vendor|partner|report|case|ticket|time|today|now|rate|level|number|behavior|behaviour|backfill|function|functionality|inconvenience|disruption|outage|interruption|degradation|event|traffic|capacity|region)s?$/;
const OUR_ACTION =
  /^(?:identif|investigat|implement|deploy|monitor|work|resolv|roll|appl|releas|continu|look|review|aware|expect|provid|shar|post|updat|engag|escalat|contact|reach|retry|refresh|check|visit|open|follow|see|saw|seen|note|apolog|thank|believ|confirm|find|found|begin|began|start|determin|observ|track|evaluat|analy|prepar|plan|schedul|test|validat|receiv|report|mitigat|address|fix|correct|restor|recover|remain|appear|seem|continu|mak|tak|tri|try|attempt|keep|kept|help|ask|need|want|investig|backfill|finish|complet|rerout|rout|redirect|migrat|mov|shift|fail(?:ed)?\s*over|scal|provision|caus|show|indicat|suggest)/;
const PERSON =
  /^(?:customers?|users?|people|members?|clients?|merchants?|developers?|admins?|owners?|subscribers?|players?|creators?|students?|accounts?)$/;
const HELPER = /^(?:Copula|Auxiliary|Modal)$/;

function thingChanged(sentence: string): boolean {
  // Tagging costs a millisecond a sentence: only sentences with a verb group a state could hang on are tagged.
  if (!/\b(?:is|are|was|were|been|being)\s|\w(?:ed|ing)\b/i.test(sentence)) return false;
  const terms = tag(sentence);
  for (let i = 0; i < terms.length - 1; i++) {
    const subject = terms[i]!;
    if (
      !subject.tags.has('Noun') ||
      subject.tags.has('Pronoun') ||
      !/^[a-z][a-z'’-]+$/.test(subject.norm) ||
      NOT_A_THING.test(subject.norm)
    )
      continue;
    // "If your project uses only dub1, ...": a condition, not a state.
    if (terms.slice(Math.max(0, i - 4), i).some((t) => /^(?:if|unless|whether|once|when)$/.test(t.norm))) continue;
    const next = terms[i + 1]!;
    if (!next.tags.has('Verb') && !next.tags.has('Copula')) continue;
    // "File billing/run.py, line 88": a bare verb form after a singular noun is a mis-tag, not a clause.
    if (next.tags.has('Infinitive') && !subject.tags.has('Plural')) continue;
    // The verb group and what it says about the thing: "are being logged out unexpectedly", "is paused".
    const group: Term[] = [];
    for (let j = i + 1; j < Math.min(terms.length, i + 8); j++) {
      const t = terms[j]!;
      if (t.tags.has('Verb') || t.tags.has('Adverb') || t.tags.has('Negative') || t.tags.has('Copula')) group.push(t);
      else {
        if (t.tags.has('Adjective')) group.push(t);
        break;
      }
    }
    const modal = group.some((t) => t.tags.has('Modal'));
    const negated = group.some((t) => t.tags.has('Negative') || t.norm === 'not');
    const content = group.filter((t) => ![...t.tags].some((g) => HELPER.test(g)) && t.norm !== 'not');
    if (content.length === 0 || content.some((t) => OUR_ACTION.test(t.norm))) continue;
    if (modal && !negated) continue;
    // People are what it happened to only when something was done to them: "users are being logged out".
    if (PERSON.test(subject.norm) && !negated && !content.some((t) => t.tags.has('Passive'))) continue;
    return true;
  }
  return false;
}
