import type { DraftAudience, DraftChannel, IncidentStatus } from '../../model/vocabulary.js';

export type FindingSeverity = 'error' | 'warning' | 'info';

/** One thing in an update that would anger or confuse a customer, where it is, and how to fix it. */
export interface Finding {
  /** Stable rule id (see RULES.md): what the team acknowledges, and what scripts match on. */
  rule: string;
  severity: FindingSeverity;
  /** Why a customer would mind, in plain words. */
  message: string;
  /** UTF-16 offsets into the linted text, end exclusive. A finding about the whole text spans 0..text.length. */
  start: number;
  end: number;
  /** A concrete fix the writer can apply or adapt. */
  suggestion: string;
}

/** What the linter may know about the incident; every field is optional, so a bare text can be linted too. */
export interface LintContext {
  /** Live customer impacts listed on the incident: lets the linter quote the real number back. */
  affectedCustomers?: number;
  status?: IncidentStatus;
  audience?: DraftAudience;
  channel?: DraftChannel;
}

/** A sentence (or line) of the text with its offsets: most rules judge a phrase by the sentence around it. */
export interface Sentence {
  start: number;
  end: number;
  text: string;
}

export interface LintDoc {
  text: string;
  sentences: Sentence[];
}

export interface LintRule {
  id: string;
  severity: FindingSeverity;
  /** One line for RULES.md and the UI's rule list. */
  title: string;
  check(doc: LintDoc, ctx: LintContext): Finding[];
}
