// Words customers know that look like our machinery: cloud regions, product names, and the team's own list.
import type { Match } from './scan.js';
import type { LintContext, Sentence } from './types.js';

// us-east-1, eu-west-2, ap-southeast-1, europe-west4, us-central1, and cluster names built on them (prod-us-west-0).
const REGION =
  /\b(?:us|eu|ap|sa|ca|me|af|il|mx|europe|asia|australia|northamerica|southamerica|uk|in|jp|au)-(?:gov-)?(?:east|west|north|south|central|northeast|northwest|southeast|southwest)(?:-?\d{1,2}[a-z]?)?\b/i;

const REGION_NAME = new RegExp(String.raw`^(?:(?:prod|production|stg|staging|dev)-)?${REGION.source.replace(/^\\b|\\b$/g, '')}$`, 'i');

/** A whole name that is a cloud region, or an environment in one ("prod-us-west-0"), not a machine in it. */
export const isCloudRegion = (text: string): boolean => REGION_NAME.test(text);

/** The team's own words (LintContext.allowWords), matched whole and case-insensitively. */
export function allowedByTeam(m: Match, ctx: LintContext): boolean {
  const words = ctx.allowWords;
  if (!words || words.length === 0) return false;
  const hit = m.text.toLowerCase();
  return words.some((w) => {
    const word = w.trim().toLowerCase();
    return word !== '' && (word === hit || hit.includes(word) || word.split(/\s+/).includes(hit));
  });
}

// What customers do with a product: "Managed Postgres clusters", "Redis Cloud", "the Redis documentation portal".
const CUSTOMER_NOUN =
  /^\s+(?:cloud|clusters?|instances?|databases?|api|apis|portal|console|integrations?|service|services|sdk|plugins?|connectors?|documentation|docs|enterprise|essentials|pro|flexible|server|serverless|hosting|add-?on|versions?)\b/i;

/**
 * A jargon word used as the name of a product customers use: capitalised and next to another capitalised word
 * or a customer-facing noun, and not "our" machinery ("our redis cache" stays jargon).
 */
export function isProductName(text: string, m: Match, sentence: Sentence): boolean {
  // Part of a domain or an address ("redis.io", "support@redis.com") is a name customers type.
  if (/[.@/]$/.test(text.slice(m.start - 1, m.start)) || /^\.[a-z]{2,}/i.test(text.slice(m.end, m.end + 5))) return true;
  if (!/^[A-Z]/.test(m.text)) return false;
  const before = text.slice(sentence.start, m.start);
  if (/\bour\s+$/i.test(before)) return false;
  // Capitalised inside a sentence, not "our"/"the" machinery: the product as customers know it ("and Kubernetes").
  if (before.trim() !== '' && !/[:;]\s*$/.test(before) && !/\bthe\s+$/i.test(before)) return true;
  const prev = /(\S+)\s+$/.exec(before)?.[1] ?? '';
  const next = /^\s+(\S+)/.exec(text.slice(m.end, sentence.end))?.[1] ?? '';
  // A neighbouring capitalised word, not a sentence opener and not across punctuation ("PM-311; RCA").
  const word = /^[A-Z][\w-]*$/;
  const capitalisedNeighbour = (word.test(prev) && before.trim().length > prev.length) || word.test(next);
  return capitalisedNeighbour || CUSTOMER_NOUN.test(text.slice(m.end, sentence.end));
}
