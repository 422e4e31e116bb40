import type { DraftChannel } from '../model/vocabulary.js';
import { fileSlug } from '../export/file-slug.js';

const EXTENSION: Record<DraftChannel, string> = { 'status-page': 'md', email: 'txt', social: 'txt' };

/** "update-checkout-payments-failing-status-page-20250303-1502z.md": sortable, safe on every file system. */
export function publishFileName(title: string, channel: DraftChannel, at: number): string {
  const slug = fileSlug(title, 48, 'draft');
  const d = new Date(at);
  const two = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}-${two(d.getUTCHours())}${two(d.getUTCMinutes())}z`;
  return `update-${slug}-${channel}-${stamp}.${EXTENSION[channel]}`;
}
