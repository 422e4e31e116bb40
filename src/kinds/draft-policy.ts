import { approverRolesOf } from '../model/identity.js';
import type { DraftAudience, DraftChannel, DraftReviewState } from '../model/vocabulary.js';
import { textDigest } from '../comms/digest.js';
import { lintUpdate, type LintContext } from '../comms/linter/index.js';
import { describeRules, unacknowledged } from '../comms/review-policy.js';
import type { KindEvent } from './define.js';
import { refuse, type Refusal, type RulesDraft, type RulesView } from './rules-view.js';

// The review's write policies (see KindEntry.writePolicy): a customer update moves on only with its linter
// findings acknowledged and the text it was reviewed as. Judged by the writer's app, the CLI and the hub; not
// by the fold, because the linter changes between versions and history must not.

/** What the linter should know about a draft's incident. */
export function lintContextOf(
  view: Pick<RulesView, 'status' | 'affectedCustomers' | 'internalTexts'>,
  draft: { audience: DraftAudience; channel: DraftChannel },
): LintContext {
  return {
    affectedCustomers: view.affectedCustomers(),
    status: view.status,
    audience: draft.audience,
    channel: draft.channel,
    internalTexts: view.internalTexts(),
  };
}

const STEP: Record<Exclude<DraftReviewState, 'editing'>, string> = { ready: 'not marked ready', approved: 'not approved' };

/** Marking ready or approving: the step names the text as it is now, and acknowledges every error and warning in it. */
export function reviewPolicy(
  view: RulesView,
  e: KindEvent<{ target: string; state: DraftReviewState; acknowledged: readonly string[]; digest?: string | undefined }>,
): Refusal | null {
  if (e.data.state === 'editing') return null;
  const draft = view.draft(e.data.target);
  if (draft === undefined) return null;
  const step = STEP[e.data.state];
  const text = draft.text();
  const digest = textDigest(text);
  if (e.data.state === 'approved' && draft.review.digest !== digest)
    return refuse('text-changed', `${step}: the text changed after it was marked ready; mark it ready again`);
  if (e.data.digest !== digest) return refuse('text-changed', `${step}: the text changed since it was reviewed; review it again`);
  const missing = unacknowledged(lintUpdate(text, lintContextOf(view, draft)), e.data.acknowledged);
  if (missing.length) return refuse('unacknowledged', `${step}: acknowledge these findings first: ${describeRules(missing)}`);
  return null;
}

/** Publishing: the approver still holds an approver role, and the approval acknowledged the findings of the text published. */
export function publishPolicy(
  view: RulesView,
  e: KindEvent<{ target: string; text: string; channel: DraftChannel; audience: DraftAudience }>,
): Refusal | null {
  const draft: RulesDraft | undefined = view.draft(e.data.target);
  if (draft === undefined || draft.review.state !== 'approved' || draft.review.by === null) return null;
  if (approverRolesOf(view, draft.review.by).length === 0)
    return refuse(
      'not-permitted',
      `not published: ${draft.review.by.name}, who approved it, no longer holds the commander or comms role; approve it again`,
    );
  const findings = lintUpdate(e.data.text, lintContextOf(view, { audience: e.data.audience, channel: e.data.channel }));
  const missing = unacknowledged(findings, draft.review.acknowledged);
  if (missing.length) return refuse('unacknowledged', `not published: the approval did not acknowledge ${describeRules(missing)}`);
  return null;
}
