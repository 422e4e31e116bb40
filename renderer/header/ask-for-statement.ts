import type { IncidentStatus } from '../../src/model/vocabulary.js';
import { record } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';

/**
 * After the status or the severity changed: open the current-status editor on the last statement, so the
 * person who changed the picture writes the words for it now (or keeps them, on purpose). `what` says what
 * changed ("status monitoring"), for the editor's first line.
 */
export function askForStatement(what: string): void {
  useWarRoom.getState().openDialog('status-statement', what);
}

/** Resolving asks about what is still open first; the other statuses change at once, then ask for the statement. */
export function changeStatus(status: IncidentStatus): void {
  if (status === 'resolved') {
    useWarRoom.getState().openDialog('resolve');
    return;
  }
  void record('incident.updated', { status }).then((r) => {
    if (r.ok) askForStatement(`status ${status}`);
  });
}
