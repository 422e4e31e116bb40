import { findAll } from './scan.js';
import type { Finding, LintRule } from './types.js';

const RULEBOOK =
  /\b(?:polic(?:y|ies)|procedures?|terms(?:\s+(?:of\s+(?:service|use)|and\s+conditions))?|protocol|guidelines|standard\s+process|SLA|service\s+level\s+agreement|contract|for\s+(?:security|compliance|legal|privacy)\s+reasons)\b/gi;
// A rulebook cited to refuse, limit or exclude: "only", "cannot", "not available", "must", "excluded".
const REFUSAL =
  /\b(?:only|cannot|can't|can\s+not|unable|not\s+(?:able|allowed|permitted|possible|available|eligible|apply|applicable|covered)|do(?:es)?\s+not\s+(?:allow|permit|cover|apply|include|let|provide|offer)|doesn't|don't|won't|will\s+not|excluded?|exclusions?|must|required|no\s+(?:service\s+)?(?:credits?|compensation|refunds?)|(?:not|in)eligible|not\s+payable|refus\w*|against)\b/i;
// "you do not need to ask": the policy helps the customer.
const HELPS = /\b(?:do\s+not|don't|doesn't|won't)\s+(?:need|have)\s+to\b|\bwithout\s+you\s+(?:asking|having)\b/gi;

// The rulebook as the answer itself: "our employees followed established procedures", "violates LinkedIn terms
// of service", "they violated our password policies". Reviewing or changing a procedure is not hiding behind it.
const RULEBOOK_AS_ANSWER =
  /\b(?:followed|following|per|according\s+to|in\s+(?:accordance|line)\s+with|violat(?:e|es|ed|ing|ion\s+of)|breach(?:ed|es)?\s+of|against)\s+(?:(?:our|the|its|their|established|standard|existing|internal|[A-Z][\w-]*)\s+){0,3}(?:\w+\s+)?(?:polic(?:y|ies)|procedures?|protocols?|terms(?:\s+of\s+(?:service|use))?|guidelines|rules)\b/i;

// A process as the reason to say nothing: "subject to a criminal investigation, and we won't be divulging that",
// "we go beyond our legal requirements and apply several criteria ... in determining whether to provide notice".
const PROCESS_AS_ANSWER =
  /\b(?:subject\s+to|pending|because\s+of|due\s+to)\s+(?:an?\s+|the\s+|our\s+)?(?:\w+\s+)?(?:investigation|review|legal\s+proceedings?|litigation)\b[^.]*\b(?:won['’]t|will\s+not|cannot|can['’]t|unable\s+to|not\s+able\s+to)\s+(?:be\s+)?(?:divulg|disclos|shar|comment|discuss|provid|confirm)\w*|\b(?:legal\s+requirements|legal\s+obligations|criteria|regulations)\b[^.]*\bwhether\s+to\s+(?:provide|give|send)\s+notice|\bwhether\s+to\s+(?:notify|tell|inform)\b/i;

// The same in any order or wording: a legal process and a refusal to say, in one sentence ("As we are cooperating
// with law enforcement in an ongoing investigation, we cannot comment further").
const LEGAL_PROCESS =
  /\b(?:investigat\w*|law\s+enforcement|police|(?:relevant\s+)?authorities|legal\s+(?:proceedings?|advice|reasons)|litigation|lawsuits?|confidential\w*)\b/i;
// Any wording of declining to say: "we would like to refrain from responding", "not appropriate to comment", "declined
// to elaborate", "no further comment".
const REFUSES_TO_SAY =
  /\b(?:won['’]t|will\s+not|cannot|can['’]t|unable\s+to|not\s+able\s+to|not\s+in\s+a\s+position\s+to|(?:refrain|abstain)\s+from|declines?\s+to|declined\s+to|(?:not\s+|in)appropriate\s+(?:for\s+us\s+)?to|not\s+(?:going|prepared|willing)\s+to)\s+(?:be\s+)?(?:divulg|disclos|shar|comment|discuss|provid|confirm|say|releas|elaborat|go\s+into|respond|speculat|answer)\w*|\bno\s+further\s+comment\b/i;
// Compliance as the answer: "we have complied with all of our legal obligations in terms of storing ...".
const COMPLIED =
  /\b(?:meets?|met|exceeds?|exceeded)\s+(?:or\s+exceeds?\s+)?(?:all\s+)?(?:applicable\s+|relevant\s+)?(?:industry|regulatory|legal|security|compliance)\s+(?:standards|requirements|obligations)\b|\b(?:fully\s+)?(?:PCI(?:[\s-]DSS)?|GDPR|HIPAA|SOC\s*2|ISO\s*27001)[\s-]+(?:compliant|certified)\b|\b(?:complied|comply|complies|compliant|in\s+compliance)\s+with\s+(?:all\s+)?(?:of\s+)?(?:our|the|its|their|applicable|relevant)?\s*(?:legal\s+|regulatory\s+|statutory\s+)?(?:obligations|requirements|regulations|laws?|standards|rules)\b/i;
const processAsAnswer = (text: string): RegExpExecArray | null =>
  PROCESS_AS_ANSWER.exec(text) ?? COMPLIED.exec(text) ?? (LEGAL_PROCESS.test(text) ? REFUSES_TO_SAY.exec(text) : null);

/** A policy cited to refuse something during an outage reads as "the rules matter more than you". */
export const hidingBehindPolicy: LintRule = {
  id: 'hiding-behind-policy',
  severity: 'warning',
  title: 'Hiding behind policy or procedure ("per our policy we only…", "followed established procedures", "violates our terms")',
  check(doc) {
    const out: Finding[] = [];
    for (const s of doc.sentences) {
      const process = processAsAnswer(s.text);
      if (process) {
        out.push({
          rule: this.id,
          severity: this.severity,
          start: s.start + process.index,
          end: s.start + process.index + process[0].length,
          message: `"${process[0]}" makes a process the answer to the harm. It reads as "our rules matter more than you", and it is rarely the whole truth.`,
          suggestion:
            'Say what you can say now, and when you will say more: "We cannot share how they got in while the police investigate; we will tell you by Friday what was taken and what to do."',
        });
        continue;
      }
      const rulebook = findAll(RULEBOOK, s.text, s.start)[0];
      if (!rulebook || (!RULEBOOK_AS_ANSWER.test(s.text) && !REFUSAL.test(s.text.replace(HELPS, '')))) continue;
      out.push({
        rule: this.id,
        severity: this.severity,
        start: rulebook.start,
        end: rulebook.end,
        message: `"${rulebook.text}" is cited to refuse or limit something while customers are hurt. It reads as "our rules matter more than you", and it is rarely the whole truth.`,
        suggestion:
          'Say what you will do for them, or why not in plain words, and who they can talk to: "We cannot call everyone, so we are emailing every affected account today; reply and a person will call you back."',
      });
    }
    return out;
  },
};
