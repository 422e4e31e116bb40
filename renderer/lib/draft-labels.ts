import type { DraftAudience, DraftChannel, DraftReviewState, TemplateKey } from '../../src/model/vocabulary.js';
import type { PublishDelivery } from '../../src/ipc/contract.js';

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

/** How a channel's update leaves the app: pasted into a status page or a social post, or sent as a file by email. */
export const DELIVERY_FOR_CHANNEL: Record<DraftChannel, Exclude<PublishDelivery, 'none'>> = {
  'status-page': 'clipboard',
  social: 'clipboard',
  email: 'file',
};

export const PUBLISH_LABELS: Record<Exclude<PublishDelivery, 'none'>, string> = {
  clipboard: 'Publish and copy the text',
  file: 'Publish and save to a file…',
};
