import type { Actor } from '../model/envelope.js';
import { samePerson } from '../model/identity.js';
import type { Draft, IncidentState, ReviewRequest } from '../model/incident-state.js';

/** A review waits this long before it shows as overdue: an update held back for approval is silence to customers. */
export const REVIEW_OVERDUE_MS = 10 * 60_000;

/** True when the request names this person (by key-derived id: src/model/identity.ts). */
export const isReviewer = (request: ReviewRequest, me: Pick<Actor, 'id'>): boolean => samePerson(request.reviewer, me);

export interface WaitingReview {
  draft: Draft;
  request: ReviewRequest;
  overdue: boolean;
}

/** Open drafts whose review was requested (from `me` only, when given), oldest request first. */
export function waitingReviews(state: Pick<IncidentState, 'drafts' | 'draftOrder'>, now: number, me?: Pick<Actor, 'id'>): WaitingReview[] {
  const out: WaitingReview[] = [];
  for (const id of state.draftOrder) {
    const draft = state.drafts[id];
    const request = draft?.reviewRequest;
    if (!draft || !request || draft.retracted !== null || draft.publishedAt !== null) continue;
    if (me && !isReviewer(request, me)) continue;
    out.push({ draft, request, overdue: now - request.at >= REVIEW_OVERDUE_MS });
  }
  return out.sort((a, b) => a.request.at - b.request.at);
}
