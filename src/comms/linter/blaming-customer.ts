import { structuralBlame } from './blame-structure.js';
import { findAll, phraseFindings, type Match } from './scan.js';
import type { Finding, LintRule, Sentence } from './types.js';

const WHO = String.raw`(?:customers?|users?|clients?|merchants?|account\s+holders?|owners?|shoppers?)`;

// Fixed phrases that put the fault on the customer wherever they appear.
const PATTERNS = [
  /\b(?:you|the\s+customer|the\s+user)\s+(?:had\s+)?provided\b/gi,
  /\b(?:user|customer|client|operator)\s+errors?\b/gi,
  /\b(?:invalid|incorrect|outdated|wrong|out-of-date)\s+contact\s+(?:information|info|details|data)\b/gi,
  new RegExp(String.raw`\b${WHO}\s+(?:who|that)\s+(?:failed|forgot|neglected|chose\s+not)\s+to\b`, 'gi'),
  // The safeguard the customer did not turn on, named as the cause: "accounts that did not have MFA enabled",
  // "customers who didn't enable two-factor authentication".
  new RegExp(
    String.raw`\b(?:${WHO}|accounts?|organi[sz]ations|you)\s+(?:who|that|which)\s+(?:did\s+not|didn['’]t|do\s+not|don['’]t|had\s+not|hadn['’]t)\s+(?:have\s+)?(?:enable|use|turn\s+on|set\s+up|update|change|rotate|follow)\w*`,
    'gi',
  ),
  /\byou\s+(?:failed|forgot|neglected)\s+to\b/gi,
  // "you should have read the docs", not "most of you should have yours by 11:00".
  /\byou\s+should\s+have(?=\s+(?:been|known|read|done|set|kept|made|checked|updated|used|followed|retried|\w+ed)\b)/gi,
  /\bif\s+you(?:\s+had|'d)(?:\s+not|n't)?\b/gi,
  /\byour\s+(?:incorrect|invalid|wrong|misconfigured|faulty|improper|bad|outdated)\s+\w+/gi,
  new RegExp(String.raw`\b(?:caused|triggered)\s+by\s+(?:the\s+|some\s+)?(?:${WHO}|you)(?:'s|s')?\b`, 'gi'),
  new RegExp(
    String.raw`\bdue\s+to\s+(?:your|(?:the\s+)?${WHO}(?:'s|s')?)\s+(?:error|mistake|misconfiguration|configuration|action|settings?)s?\b`,
    'gi',
  ),
  /\b(?:problem|issue|error|misconfiguration|fault|mistake)s?\s+(?:must\s+be\s+|is\s+|was\s+)?(?:on|at)\s+your\s+(?:end|side)\b/gi,
  /\b(?:misconfigured|outdated|out[- ]of[- ]date)\s+(?:receiving\s+)?(?:servers?|clients?|apps?|versions?|integrations?|endpoints?|settings)\b/gi,
  /\b(?:do(?:es)?n't|do(?:es)?\s+not|did\s+not|didn't)\s+(?:follow|match|meet|comply\s+with)\s+(?:the\s+|our\s+)?(?:\w+\s+)?(?:format|requirements|guidelines|documentation|docs|limits|instructions)\b/gi,
  /\b(?:details|information|data|address(?:es)?)\s+(?:on|in|for)\s+your\s+account\s+(?:was|were|is|are)\s+(?:out\s+of\s+date|outdated|wrong|incorrect|invalid)\b/gi,
  /\bkeep\s+your\s+(?:account\s+|contact\s+)?details\s+(?:current|up\s+to\s+date)\b/gi,
  /\bare\s+you\s+sure\b|\bhave\s+you\s+(?:tried|checked)\b/gi,
  new RegExp(
    String.raw`\b(?:usually|typically|often|mostly|generally)\s+(?:due\s+to|caused\s+by|because\s+of|the\s+result\s+of)\b[^.;]*?\b(?:by\s+(?:the\s+)?${WHO}|${WHO}\s+\w+ing|you|your)\b`,
    'gi',
  ),
  /\bbefore\s+contacting\s+(?:us|support|our\s+support(?:\s+team)?)\b/gi,
  // The person as the one who failed to attend or heed: "if Mr. Huang was not paying attention to the road",
  // "drivers who ignored the warnings".
  new RegExp(
    String.raw`\b(?:(?:Mr|Mrs|Ms|Dr)\.?\s+[A-Z][\w'’-]+|(?:the\s+)?(?:${WHO}|drivers?|pilots?|operators?|owners?)|you)\s+(?:(?:was|were|is|are)\s+not\s+(?:paying\s+attention|following\s+(?:the\s+)?(?:instructions|warnings|guidance|rules))|(?:who\s+)?(?:ignored|disregarded)\s+(?:the\s+|our\s+)?(?:warnings?|instructions|guidance|alerts))\b`,
    'g',
  ),
  /\bcontact\s+your\s+(?:IT|internet|network|hosting)\s*(?:department|team|provider|administrator|admin)?\b/gi,
];

// The customer's own machinery: pointing at it during our outage says "it is you".
const YOUR_SIDE =
  /\byour\s+(?:own\s+)?(?:side|end|servers?|network|firewall|proxy|router|(?:internet\s+)?connection|internet|ISP|configuration|config|set-?up|settings|integration|code|implementation|environment|browser(?:\s+cache)?|cache|device|endpoints?|systems?|DNS|credentials|API\s+keys?|IT\s+department)\b/gi;
const FAULT_CUE =
  /\b(?:must|likely|probably|most\s+likely|usually|typically|caused|cause|because|due\s+to|fault|blame|blocking|misconfigur\w*|check|verify|make\s+sure|ensure|clear|restart|reinstall|try\s+another|contact)\b/i;
const NEGATED = /\b(?:not|no|nothing|n't|never|without)\b/i;
// Customers named as the ones who did it wrong.
const WHO_DID_WRONG = new RegExp(
  String.raw`\b(?:${WHO}|you|you're|you've)\b[^.;]{0,60}?\b(?:incorrectly|wrongly|improperly|incorrect|invalid|too\s+(?:aggressively|often|many|much|quickly|fast)|hammering|spamming|without\s+(?:reviewing|checking|reading|testing)|failed\s+to|forgot\s+to|neglected\s+to|kept\s+their\s+\w+(?:\s+\w+)?\s+clean)\b`,
  'gi',
);
const PASSIVE = /\b(?:being|been|are|were|is|was|get|got)\b/i;
// "the contact details we held for you were out of date": we own the mistake.
const WE_OWN_IT = /\b(?:we\s+held|we\s+had|our\s+records|on\s+our\s+side|our\s+mistake|our\s+fault)\b/i;

// A step for the customer after we own the fix is a remedy, not blame: "We have deployed a fix for this issue. You
// may need to clear your browser cache."
const OWNED_FIX =
  /\bwe(?:['’]ve|\s+have)?\s+(?:deployed|released|applied|rolled\s+out|shipped|implemented)\s+(?:a\s+|the\s+)?fix\b|\bfix\s+(?:has\s+been|was|is)\s+(?:deployed|released|applied|rolled\s+out|implemented)\b/i;
const REMEDY =
  /\b(?:may|might)\s+(?:also\s+)?need\s+to\s+(?:clear|refresh|restart|reload|reinstall|log\s+out|sign\s+out|update|redeploy|re-?enter)\b/i;

/** Pointing at the customer. Even when a customer's input played a part, the outage is ours to own in public. */
export const blamingCustomer: LintRule = {
  id: 'blaming-customer',
  severity: 'error',
  title: 'Blaming the customer ("you provided", "user error", "the problem must be on your side, check your servers")',
  check(doc) {
    const describe = (m: Match): { message: string; suggestion: string } => ({
      message: `"${m.text}" puts the fault on the customer. Customers forgive an outage; they do not forgive being blamed for it in public.`,
      suggestion: /contact|details/i.test(m.text)
        ? 'Own the data: "the contact details we held for you were out of date; we have corrected them and will confirm them with you."'
        : 'Say what failed on our side and what we are changing ("our checks accepted a setting they should have refused; we are adding validation"); raise anything the customer should change privately, with help.',
    });
    const phrases = phraseFindings(this, doc, PATTERNS, (m, sentence) => {
      // "Thank you for the logs you provided" credits the customer; it does not blame them.
      if (/provided$/i.test(m.text) && /\bthank(?:s|\s+you)\b/i.test(doc.text.slice(sentence.start, m.start))) return null;
      return describe(m);
    });
    const taken = (m: Match): boolean => phrases.some((f) => m.start < f.end && f.start < m.end);
    const more: Finding[] = [];
    const ownedFix = OWNED_FIX.test(doc.text);
    for (const s of doc.sentences) {
      if (phrases.some((f) => f.start >= s.start && f.start < s.end)) continue;
      if (ownedFix && REMEDY.test(s.text)) continue;
      const hit = pointingAtCustomer(s) ?? structuralBlame(s);
      if (hit && !taken(hit)) more.push({ rule: this.id, severity: this.severity, start: hit.start, end: hit.end, ...describe(hit) });
    }
    return [...phrases, ...more];
  },
};

function pointingAtCustomer(s: Sentence): Match | null {
  if (WE_OWN_IT.test(s.text)) return null;
  for (const m of findAll(YOUR_SIDE, s.text, s.start)) {
    const before = s.text.slice(0, m.start - s.start);
    // "No action is needed on your side", "not caused by anything on your side": reassurance, not blame.
    if (
      NEGATED.test(before.split(/[,;:]/).pop() ?? '') ||
      NEGATED.test(s.text.slice(m.end - s.start, m.end - s.start + 20).split(/[,;]/)[0] ?? '')
    )
      continue;
    if (FAULT_CUE.test(s.text)) return m;
  }
  // "users being incorrectly geolocated by some third party services": done to them, not by them.
  const wrong = findAll(WHO_DID_WRONG, s.text, s.start).filter(
    (m) => !PASSIVE.test(m.text) || !/^\s*[\w-]+ed\s+by\b/i.test(s.text.slice(m.end - s.start)),
  );
  return wrong[0] ?? null;
}
