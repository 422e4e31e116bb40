import * as Y from 'yjs';
import type { DraftCard, PayloadOf } from '../../src/ipc/contract.js';
import { decodeBase64, encodeBase64 } from '../../src/comms/base64.js';
import { ok, type Result } from '../../src/model/result.js';
import { invoke } from './bridge.js';
import { useWarRoom } from './store.js';

/** Drafts: thin wrappers over the drafts channels, for the drafts pane. */

const incident = (): string | null => useWarRoom.getState().current;
const toastError = (title: string, error: string) => useWarRoom.getState().toast({ kind: 'error', incident: incident(), title, body: error });

export async function listDrafts(): Promise<Result<DraftCard[]>> {
  const id = incident();
  if (!id) return ok([]);
  return invoke('drafts:list', { incident: id });
}

export async function createDraft(input: Omit<PayloadOf<'drafts:create'>, 'incident'>): Promise<Result<string>> {
  const id = incident();
  if (!id) return { ok: false, error: 'open an incident first' };
  const r = await invoke('drafts:create', { incident: id, ...input });
  if (!r.ok) return r;
  useWarRoom.getState().selectDraft(r.value.draftId);
  return ok(r.value.draftId);
}

/** Several keystrokes' Yjs updates merged into one event: the log stays readable, no edit is lost. */
export async function saveDraftUpdates(draft: string, updates: string[]): Promise<Result<string>> {
  const id = incident();
  if (!id || updates.length === 0) return ok('');
  const merged = updates.length === 1 ? updates[0]! : encodeBase64(Y.mergeUpdates(updates.map(decodeBase64)));
  const r = await invoke('drafts:edit', { incident: id, draft, update: merged });
  if (!r.ok) toastError('Draft not saved', r.error);
  return r.ok ? ok(r.value.text) : r;
}

export async function reviewDraft(draft: string, step: 'ready' | 'approve' | 'back', acknowledged: string[], note?: string): Promise<Result<null>> {
  const id = incident();
  if (!id) return { ok: false, error: 'open an incident first' };
  return invoke('drafts:review', { incident: id, draft, step, acknowledged, ...(note ? { note } : {}) });
}

export async function publishDraft(draft: string) {
  const id = incident();
  if (!id) return { ok: false as const, error: 'open an incident first' };
  const r = await invoke('drafts:publish', { incident: id, draft });
  // The publication changes customers' "notified" and the update countdown: refold from main to be sure.
  if (r.ok) void openIncidentQuietly(id);
  return r;
}

export async function discardDraft(draft: string): Promise<Result<null>> {
  const id = incident();
  if (!id) return { ok: false, error: 'open an incident first' };
  return invoke('drafts:discard', { incident: id, draft, reason: 'discarded' });
}

async function openIncidentQuietly(id: string): Promise<void> {
  const r = await invoke('incident:open', { incident: id });
  if (r.ok) useWarRoom.getState().receive(id, r.value.events);
}

