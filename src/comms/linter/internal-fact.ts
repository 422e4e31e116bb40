import { phraseFindings } from './scan.js';
import type { LintRule } from './types.js';

/** Shorter texts ("DNS", "H2") are words anyone may use; longer ones copied whole are the team's notes. */
const MIN_LENGTH = 12;

const literal = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');

/**
 * The team's own words copied into a customer update: the incident's working title ("Checkout failing (SASSER
 * quarantine)"), a hypothesis or an action ("primary database stalled while replicating to its replicas").
 * They are guesses and code names; a customer reads them as fact. The caller names them (LintContext.internalTexts).
 */
export const internalFact: LintRule = {
  id: 'internal-fact',
  severity: 'error',
  title: "The team's internal words copied in: the incident's working title, a hypothesis or an action",
  check(doc, ctx) {
    if (ctx.audience === 'internal' || !ctx.internalTexts?.length) return [];
    const texts = [...new Set(ctx.internalTexts.map((t) => t.trim()).filter((t) => t.length >= MIN_LENGTH))];
    const patterns = texts.sort((a, b) => b.length - a.length).map((t) => new RegExp(`(?<![\\w])${literal(t)}(?![\\w])`, 'gi'));
    return phraseFindings(this, doc, patterns, (m) => ({
      message: `"${m.text}" is the team's internal wording (a working title, a hypothesis or an action). Customers read it as fact, and it may name what they must not see.`,
      suggestion: 'Say it as a customer would: what they cannot do, and what we are doing about it, with no guesses or code names.',
    }));
  },
};

/**
 * What a customer update must not copy from an incident: its working title and the parts of it in brackets
 * ("SASSER quarantine"), every hypothesis and every action. The summary is the team's customer-facing words.
 */
export function internalTextsOf(state: {
  title: string;
  summary: string;
  entries: Record<string, { kind: string; text: string }>;
}): string[] {
  const out: string[] = [];
  const title = state.title.trim();
  if (title && title.toLowerCase() !== state.summary.trim().toLowerCase()) out.push(title);
  for (const m of title.matchAll(/[([]([^)\]]{6,})[)\]]/g)) out.push(m[1]!.length >= MIN_LENGTH ? m[1]! : `(${m[1]!})`);
  for (const e of Object.values(state.entries)) if (e.kind === 'hypothesis' || e.kind === 'action') out.push(e.text);
  return out;
}
