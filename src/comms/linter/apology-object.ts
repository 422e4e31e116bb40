// An apology must name the harm. Read what the apology is for, the words after "sorry for", "apologise for",
// "regret that", and call it empty when that object holds nothing but formulas ("the inconvenience"), feelings
// ("the confusion and angst", "the inconvenience and concern"), the bare event ("that this incident occurred")
// or our own act ("for having to re-accommodate these customers").
import { EFFECT } from './effects.js';
import { tag } from './nlp.js';
import type { Match } from './scan.js';
import type { Sentence } from './types.js';

const APOLOGY =
  /\b(?:apologi[sz]e[sd]?|apologies|sorry|regret(?:s|ted)?)\b(?:\s+[\w’'-]+){0,3}?\s+(for|that|(?=(?:this|the|what|it)\b))\s*([^.;!?]*)/i;
// Words an object may hold and still name no harm.
const EMPTY_WORD =
  /^(?:the|any|all|a|an|this|that|it|these|those|such|our|your|their|and|or|of|by|to|caused?|causing|has|have|had|may|might|could|this|us|you|we|any|some|inconveniences?|troubles?|issues?|problems?|confusion|angst|concerns?|frustrations?|stress|worry|worries|anxiety|anxieties|upset|distress|alarm|disappointment|annoyance|uncertainty|unease|discomfort|fears?|panic|incidents?|situations?|events?|attacks?|occurred|happened|arose|caused|attack|today|experience|experienced|bother|hassle)$/i;

/** The apology in a sentence whose object names no harm, or null. */
export function apologyWithoutHarm(s: Sentence): Match | null {
  const m = APOLOGY.exec(s.text);
  if (!m) return null;
  const object = m[2]!.split(/,\s*(?:but|and\s+we|while)\b|\s+—\s+|\s+–\s+/)[0]!.trim();
  const start = s.start + m.index;
  const end = start + m[0].length - m[2]!.length + object.length;
  const hit = { start, end, text: s.text.slice(m.index, m.index + (end - start)) };
  // "for having to re-accommodate these customers": sorry for what we had to do, not for what it did to them.
  if (m[1]!.toLowerCase() === 'for' && /^having\s+to\b/i.test(object)) return hit;
  // "We deeply regret this incident happened": the event regretted, no harm named.
  if (/^(?:this|the|that|what|it)\b[^,]{0,40}?\b(?:happened|occurred|arose|took\s+place)\b/i.test(object) && !EFFECT.test(object))
    return hit;
  // Without "for" or "that" only the bare event counts ("regret this incident happened"), not "sorry about this one".
  if (object === '' || EFFECT.test(object) || m[1] === '') return null;
  const words = tag(object).filter((t) => t.text !== '' && !t.tags.has('Value'));
  return words.length > 0 && words.every((t) => EMPTY_WORD.test(t.norm) || EMPTY_WORD.test(t.text)) ? hit : null;
}
