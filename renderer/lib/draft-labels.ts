import type { DraftAudience, DraftChannel, DraftReviewState, TemplateKey } from '../../src/model/vocabulary.js';

export const AUDIENCE_LABELS: Record<DraftAudience, string> = {
  all: 'All customers',
  affected: 'Affected customers',
  customer: 'One customer',
  internal: 'Internal / exec',
};
export const CHANNEL_LABELS: Record<DraftChannel, string> = { 'status-page': 'Status page', email: 'Email', social: 'Social' };
export const TEMPLATE_LABELS: Record<TemplateKey, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Postmortem summary',
};
export const REVIEW_STEPS: readonly { state: DraftReviewState | 'published'; label: string }[] = [
  { state: 'editing', label: 'Editing' },
  { state: 'ready', label: 'Ready for review' },
  { state: 'approved', label: 'Approved' },
  { state: 'published', label: 'Published' },
];
