import { phraseFindings } from './scan.js';
import type { LintRule } from './types.js';

const WHO = String.raw`(?:customers?|users?|clients?|merchants?|account\s+holders?)`;

const PATTERNS = [
  /\b(?:you|the\s+customer|the\s+user)\s+(?:had\s+)?provided\b/gi,
  /\b(?:user|customer|client|operator)\s+errors?\b/gi,
  /\b(?:invalid|incorrect|outdated|wrong|out-of-date)\s+contact\s+(?:information|info|details|data)\b/gi,
  new RegExp(String.raw`\b${WHO}\s+(?:who|that)\s+(?:failed|forgot|neglected|chose\s+not)\s+to\b`, 'gi'),
  /\byou\s+(?:failed|forgot|neglected)\s+to\b/gi,
  /\byou\s+should\s+have\b/gi,
  /\bif\s+you\s+had(?:\s+not|n't)?\b/gi,
  /\byour\s+(?:incorrect|invalid|wrong|misconfigured|faulty|improper|bad)\s+\w+/gi,
  new RegExp(String.raw`\b(?:caused|triggered)\s+by\s+(?:the\s+|some\s+)?(?:${WHO}|you)(?:'s|s')?\b`, 'gi'),
  new RegExp(String.raw`\bdue\s+to\s+(?:your|(?:the\s+)?${WHO}(?:'s|s')?)\s+(?:error|mistake|misconfiguration|configuration|action|settings?)s?\b`, 'gi'),
  /\b(?:problem|issue|error|misconfiguration|fault|mistake)s?\s+(?:on|at)\s+your\s+(?:end|side)\b/gi,
];

/** Pointing at the customer. Even when a customer's input played a part, the outage is ours to own in public. */
export const blamingCustomer: LintRule = {
  id: 'blaming-customer',
  severity: 'error',
  title: 'Blaming the customer ("you provided", "user error", "invalid contact information")',
  check(doc) {
    return phraseFindings(this, doc, PATTERNS, (m, sentence) => {
      // "Thank you for the logs you provided" credits the customer; it does not blame them.
      if (/provided$/i.test(m.text) && /\bthank(?:s|\s+you)\b/i.test(doc.text.slice(sentence.start, m.start))) return null;
      const contact = /contact/i.test(m.text);
      return {
        message: `"${m.text}" puts the fault on the customer. Customers forgive an outage; they do not forgive being blamed for it in public.`,
        suggestion: contact
          ? 'Own the data: "the contact details we held for you were out of date; we have corrected them and will confirm them with you."'
          : 'Say what failed on our side and what we are changing ("our checks accepted a setting they should have refused; we are adding validation"); raise anything the customer should change privately, with help.',
      };
    });
  },
};
