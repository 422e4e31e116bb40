import { Notification } from 'electron';
import type { Notice } from '../../src/ipc/contract.js';

/** A native notification for a notice; clicking it brings the window (and the incident) forward. */
export function showNativeNotice(notice: Notice, onClick: () => void): void {
  if (!Notification.isSupported()) return;
  const n = new Notification({ title: notice.title, body: notice.body, silent: notice.kind === 'info' });
  n.on('click', onClick);
  n.show();
}
