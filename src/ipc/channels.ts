/**
 * The channel names alone, without their schemas, for the preload: it is bundled into every window, so it
 * stays tiny (no zod), and it lets through only these names. contract.ts holds the schemas and types.
 */
export const INVOKE_CHANNEL_NAMES = [
  'app:info',
  'prefs:get',
  'prefs:set',
  'incidents:list',
  'incident:create',
  'incident:open',
  'incident:seen',
  'event:record',
  'sync:join',
  'sync:host',
  'sync:online',
  'sync:leave',
  'sync:status',
  'teams:follow',
  'drafts:list',
  'drafts:create',
  'drafts:edit',
  'drafts:update',
  'drafts:review',
  'drafts:publish',
  'drafts:discard',
  'export:save',
  'clipboard:write',
  'link:open',
] as const;
export type InvokeChannelName = (typeof INVOKE_CHANNEL_NAMES)[number];

export const EVENT_CHANNEL_NAMES = [
  'incident:events',
  'incident:order',
  'incident:kept-out',
  'sync:status',
  'notify',
  'app:command',
  'app:open-incident',
  'export:progress',
] as const;
export type EventChannelName = (typeof EVENT_CHANNEL_NAMES)[number];

export const isInvokeChannelName = (c: unknown): c is InvokeChannelName =>
  typeof c === 'string' && (INVOKE_CHANNEL_NAMES as readonly string[]).includes(c);
export const isEventChannelName = (c: unknown): c is EventChannelName =>
  typeof c === 'string' && (EVENT_CHANNEL_NAMES as readonly string[]).includes(c);
