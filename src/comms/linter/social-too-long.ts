import type { LintRule } from './types.js';

/** Characters a social post can hold: the linter warns past it, the editor counts down to it. */
export const SOCIAL_MAX_CHARS = 280;

/** A social post cut off mid-sentence loses the one part that mattered: usually the time of the next update. */
export const socialTooLong: LintRule = {
  id: 'social-too-long',
  severity: 'warning',
  title: `Social posts longer than ${SOCIAL_MAX_CHARS} characters`,
  check(doc, ctx) {
    if (ctx.channel !== 'social' || doc.text.trim().length <= SOCIAL_MAX_CHARS) return [];
    return [
      {
        rule: this.id,
        severity: this.severity,
        start: SOCIAL_MAX_CHARS,
        end: doc.text.length,
        message: `This post is ${doc.text.trim().length} characters; many social networks cut it at ${SOCIAL_MAX_CHARS}, and the part cut off is often the next-update time.`,
        suggestion: 'Keep what is affected, since when and the next update time, and link to the status page for the rest.',
      },
    ];
  },
};
