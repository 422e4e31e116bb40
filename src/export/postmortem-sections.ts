/**
 * The postmortem's sections, shared by the Markdown, HTML and PDF exports so they always hold the same ones:
 * the Google SRE book's template (summary, impact, root causes, trigger, resolution, detection, action items,
 * lessons learned, timeline), plus what only a war-room log can write: every hypothesis considered, and the
 * full log as an appendix.
 */
export const POSTMORTEM_SECTIONS = [
  'Summary',
  'Impact',
  'Root causes',
  'Trigger',
  'Resolution',
  'Detection',
  'What we considered',
  'Action items',
  'Lessons learned',
  'Timeline of key events',
  'Appendix: full log',
] as const;
export type PostmortemSection = (typeof POSTMORTEM_SECTIONS)[number];

export const IMPACT_SECTIONS = ['Customers affected', 'Customer updates sent'] as const;
export const CONSIDERED_SECTIONS = ['Hypotheses considered', 'Actions taken'] as const;
export const LESSON_SECTIONS = ['What went well', 'What went wrong', 'Where we got lucky'] as const;
export const APPENDIX_SECTIONS = ['Timeline', 'Authors and keys'] as const;

/** Every heading below the title, in document order, as [depth, text]: what a reader of any format sees. */
export const POSTMORTEM_OUTLINE: [2 | 3, string][] = POSTMORTEM_SECTIONS.flatMap((s): [2 | 3, string][] => [
  [2, s],
  ...(s === 'Impact'
    ? IMPACT_SECTIONS
    : s === 'What we considered'
      ? CONSIDERED_SECTIONS
      : s === 'Lessons learned'
        ? LESSON_SECTIONS
        : s === 'Appendix: full log'
          ? APPENDIX_SECTIONS
          : []
  ).map((x): [3, string] => [3, x]),
]);
