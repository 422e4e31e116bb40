import { describeZodIssues, fail, ok, type Result } from '../model/result.js';
import { envelopeSchema, type EnvelopeBase } from '../model/envelope.js';
import { isEventKind, KIND_SCHEMAS, type EventDataMap, type EventKind } from './index.js';

/** An event of one of the registry's kinds: the envelope (src/model/envelope.ts) and that kind's data. */
export type WarEvent = { [K in EventKind]: EnvelopeBase & { kind: K; data: EventDataMap[K] } }[EventKind];

/** Validates anything (from disk, a peer, IPC) into an event, or says why not. Never throws. */
export function parseEvent(input: unknown): Result<WarEvent> {
  const env = envelopeSchema.safeParse(input);
  if (!env.success) return fail(`invalid event: ${describeZodIssues(env.error.issues)}`);
  const { kind } = env.data;
  if (!isEventKind(kind)) return fail(`unknown event kind "${kind.slice(0, 64)}"`);
  const data = KIND_SCHEMAS[kind].safeParse(env.data.data);
  if (!data.success) return fail(`invalid ${kind}: ${describeZodIssues(data.error.issues)}`);
  // zod returned a fresh object: fill in the parsed data rather than copying the envelope again (opening a
  // 100,000-event incident parses every line).
  const event = env.data as { kind: string; data: unknown };
  event.data = data.data;
  return ok(event as WarEvent);
}
