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
  /**
   * The team's own words that customers know (product names, regions, plan names, public ids): never reported
   * as jargon, internal hosts or ticket ids. Matched whole and case-insensitively.
   */
  allowWords?: readonly string[];
  /**
   * The team's internal texts (the incident's working title, hypotheses, actions): copied into a customer
   * update whole, they are an error (internal-fact). Absent: the rule has nothing to judge.
   */
  internalTexts?: readonly string[];
}

/** A sentence (or line) of the text with its offsets: most rules judge a phrase by the sentence around it. */
export interface Sentence {
  start: number;
  end: number;
  text: string;
}

/** How the rules read times in a sentence; one implementation is chosen by measuring on the corpus. */
export interface TimeReader {
  /** Names a time or deadline, absolute or relative ("15:00 UTC", "in 30 minutes", "by tomorrow"). */
  hasTime(sentence: string): boolean;
  /**
   * Says when something started or happened: "since 14:02 UTC", "between 14:02 and 15:10 UTC", "failed 08:15
   * to 08:41 UTC", "expired at 08:15 UTC", "for the past 40 minutes", "3 hours ago".
   */
  saysWhen(sentence: string): boolean;
}

export interface LintDoc {
  text: string;
  sentences: Sentence[];
  times: TimeReader;
}

export interface LintRule {
  id: string;
  severity: FindingSeverity;
  /** One line for RULES.md and the UI's rule list. */
  title: string;
  check(doc: LintDoc, ctx: LintContext): Finding[];
}
