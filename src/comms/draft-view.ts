import type { Draft, IncidentState } from '../model/incident-state.js';
import { textDigest } from './digest.js';
import { internalTextsOf, lintUpdate, type Finding, type LintContext } from './linter/index.js';
import { recipientsOf } from './recipients.js';
import { unacknowledged } from './review-policy.js';

/** What the drafts pane shows for one draft: the same in main (the service) and in the renderer (live, per keystroke). */
export interface DraftView extends Pick<
  Draft,
  'id' | 'title' | 'audience' | 'channel' | 'customer' | 'template' | 'review' | 'readyBy' | 'editors'
> {
  text: string;
  /** Fingerprint of `text`, as recorded with review steps. */
  digest: string;
  findings: Finding[];
  /**
   * Error and warning rule ids the next review step must acknowledge: all of them while editing or ready
   * (the author, then the approver, each acknowledge), none once approved unless the text changed since.
   */
  needsAcknowledgement: string[];
  /** Who publishing it would mark notified. */
  recipients: { id: string; customer: string; notifiedAt: number | null }[];
  publishedAt: number | null;
  retracted: boolean;
}

/**
 * What the linter should know about this draft's incident. `teamWords` are the team's own words customers know
 * (product names, regions, public cluster names): the linter never calls them jargon, hosts or tickets.
 */
export function lintContext(
  state: IncidentState,
  draft: Pick<Draft, 'audience' | 'channel'>,
  teamWords: readonly string[] = [],
): LintContext {
  return {
    affectedCustomers: state.impactOrder.filter((id) => state.impacts[id]?.retracted === null).length,
    status: state.status,
    audience: draft.audience,
    channel: draft.channel,
    ...(teamWords.length > 0 ? { allowWords: teamWords } : {}),
    internalTexts: internalTextsOf(state),
  };
}

/**
 * A draft as the pane shows it, for a text the caller already has (the renderer's live Y.Doc, or the log's
 * replay in main): one function, so the findings a writer sees are exactly the ones the review checks.
 */
export function draftView(state: IncidentState, draft: Draft, text: string, teamWords: readonly string[] = []): DraftView {
  const findings = lintUpdate(text, lintContext(state, draft, teamWords));
  const digest = textDigest(text);
  const approved = draft.review.state === 'approved' && draft.review.digest === digest;
  const acknowledged = approved ? draft.review.acknowledged : [];
  return {
    id: draft.id,
    title: draft.title,
    audience: draft.audience,
    channel: draft.channel,
    ...(draft.customer ? { customer: draft.customer } : {}),
    ...(draft.template ? { template: draft.template } : {}),
    text,
    digest,
    findings,
    needsAcknowledgement: [...new Set(unacknowledged(findings, acknowledged).map((f) => f.rule))],
    review: draft.review,
    readyBy: draft.readyBy,
    editors: draft.editors,
    recipients: recipientsOf(state, draft).map((i) => ({ id: i.id, customer: i.customer, notifiedAt: i.notifiedAt })),
    publishedAt: draft.publishedAt,
    retracted: draft.retracted !== null,
  };
}
