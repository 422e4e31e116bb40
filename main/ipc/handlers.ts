import { describeZodIssues, fail, ok, type Result } from '../../src/model/result.js';
import {
  INVOKE_SCHEMAS,
  type ExportProgress,
  type ExportTarget,
  type InvokeChannel,
  type ParsedPayloadOf,
  type PrefsView,
  type ResultOf,
} from '../../src/ipc/contract.js';
import { parseJoinLink } from '../../src/sync/join-link.js';
import { parseTeamLink } from '../../src/sync/team-link.js';
import { packEvents } from '../../src/ipc/packed-events.js';
import { fileSlug } from '../../src/export/file-slug.js';
import { FileExporter, type ChooseSavePath } from '../services/file-export.js';
import { PublicationDelivery } from '../services/publication-delivery.js';
import { openForView } from '../services/incident-view.js';
import type { DraftsService } from '../services/drafts-service.js';
import type { PreferencesService } from '../services/preferences.js';
import type { WarRoom } from '../services/war-room.js';
import { isAllowedExternalUrl } from '../app/external-links.js';
import { localStatus, type SyncManager } from '../sync/sync-manager.js';
import type { ViewState } from '../app/view-state.js';
import type { TeamSubscriptions } from '../sync/team-subscriptions.js';

/** Everything the handlers need, injected: the app passes Electron-backed pieces, tests pass plain ones. */
export interface IpcServices {
  warRoom: WarRoom;
  preferences: PreferencesService;
  viewState: ViewState;
  /** Absent when this build cannot sync; the sync channels then say so. */
  sync?: Pick<SyncManager, 'join' | 'host' | 'setOnline' | 'leave' | 'status'> | null;
  /** The teams whose alerts this app follows (main/sync/team-subscriptions.ts); absent without sync. */
  teams?: Pick<TeamSubscriptions, 'subscribe' | 'list'> | null;
  /** Customer updates (drafts, review, publish); absent in builds without them. */
  drafts?: DraftsService | null;
  app: { version: string; platform: string };
  /** Asks where to save (a native dialog in the app); null when the person cancelled. */
  chooseSavePath?: ChooseSavePath;
  /** Renders a self-contained HTML page to PDF bytes (an offscreen window in the app). */
  renderPdf?: (html: string) => Promise<Uint8Array>;
  writeClipboard?: (text: string) => void;
  openExternal?: (url: string) => Promise<void>;
  /** IANA zone for exported times: the machine's own. */
  timeZone?: string;
  /** Told of each stage of a save-to-file export (the window shows it). */
  exportProgress?: (progress: ExportProgress) => void;
}

export type IpcHandler = (payload: unknown) => Promise<Result<unknown>>;
export type IpcHandlerTable = Record<InvokeChannel, IpcHandler>;

type Impl<C extends InvokeChannel> = (payload: ParsedPayloadOf<C>) => Promise<Result<ResultOf<C>>> | Result<ResultOf<C>>;
type Impls<C extends InvokeChannel> = { [K in C]: Impl<K> };

/** What each optional piece is called when this build lacks it: every channel reports a missing one the same way. */
const UNAVAILABLE = {
  sync: 'sync is not available in this build',
  teams: 'following a team is not available in this build',
  drafts: 'customer updates are not available in this build',
  files: 'saving files is not available here',
  pdf: 'PDF export is not available here',
  clipboard: 'the clipboard is not available here',
  links: 'opening links is not available here',
} as const;

/** A missing piece, thrown by `need` and answered as that channel's Result with the code `unavailable`. */
class Unavailable extends Error {}

/** The piece, or an error the table turns into that channel's Result. */
function need<T>(service: T | null | undefined, feature: keyof typeof UNAVAILABLE): T {
  if (service === null || service === undefined) throw new Unavailable(UNAVAILABLE[feature]);
  return service;
}

const done = (r: Result<unknown>): Result<null> => (r.ok ? ok(null) : r);

/**
 * The IPC handler table: one function per channel, each validating its payload with the contract's schema,
 * calling one service method and answering with a Result. Plain Node: main/index.ts registers it with ipcMain
 * (after checking the sender) and the e2e tests hand the very same table to the browser page.
 */
export function createIpcHandlers(services: IpcServices): IpcHandlerTable {
  const impls: Impls<InvokeChannel> = {
    ...appHandlers(services),
    ...incidentHandlers(services),
    ...syncHandlers(services),
    ...teamHandlers(services),
    ...draftHandlers(services),
    ...fileHandlers(services),
  };
  const table = {} as IpcHandlerTable;
  for (const channel of Object.keys(impls) as InvokeChannel[]) table[channel] = guarded(channel, impls[channel] as Impl<InvokeChannel>);
  return table;
}

/** Parses the payload with the channel's schema and turns anything thrown into a Result: a handler never throws across IPC. */
function guarded(channel: InvokeChannel, impl: Impl<InvokeChannel>): IpcHandler {
  const schema = INVOKE_SCHEMAS[channel];
  return async (payload: unknown) => {
    const parsed = schema.safeParse(payload ?? {});
    if (!parsed.success) return fail(`${channel}: ${describeZodIssues(parsed.error.issues)}`, 'invalid');
    try {
      return await impl(parsed.data as never);
    } catch (e) {
      // The renderer gets a reason it can show and keeps what was typed.
      return fail(e instanceof Error ? e.message : String(e), e instanceof Unavailable ? 'unavailable' : 'failed');
    }
  };
}

function appHandlers({ warRoom, preferences, app, ...s }: IpcServices): Impls<'app:info' | 'prefs:get' | 'prefs:set'> {
  const prefsView = (): PrefsView => {
    const p = preferences.get();
    return { displayName: p.displayName, actorId: p.actorId, hubUrl: p.hubUrl, theme: p.theme, clock: p.clock };
  };
  const features = {
    sync: Boolean(s.sync),
    host: Boolean(s.sync),
    drafts: Boolean(s.drafts),
    export: Boolean(s.chooseSavePath),
    pdf: Boolean(s.renderPdf && s.chooseSavePath),
  };
  return {
    'app:info': () => ok({ actor: warRoom.actor(), origin: warRoom.origin, version: app.version, platform: app.platform, features }),
    'prefs:get': () => ok(prefsView()),
    'prefs:set': (patch) => {
      preferences.update(patch);
      return ok(prefsView());
    },
  };
}

function incidentHandlers({
  warRoom,
  viewState,
  sync,
}: IpcServices): Impls<'incidents:list' | 'incident:create' | 'incident:open' | 'incident:seen' | 'event:record'> {
  return {
    'incidents:list': async () => ok(await warRoom.listIncidents()),
    'incident:create': async ({ title, severity, summary }) => {
      const r = await warRoom.createIncident({ title, severity, ...(summary ? { summary } : {}) });
      return r.ok ? ok({ incident: r.value.incident }) : r;
    },
    'incident:open': async ({ incident }) => {
      // A room joined from a link has no local log until the first events arrive; an unknown id otherwise is a mistake.
      const shared = sync ? sync.status(incident).state !== 'local' : false;
      const opened = await openForView(warRoom, incident, { shared });
      if (!opened.ok) return opened;
      const { events, issues, settled } = opened.value;
      return ok({ incident, events: packEvents(incident, events), lastSeen: viewState.lastSeen(incident), issues, settled });
    },
    'incident:seen': ({ incident, at }) => ok({ lastSeen: viewState.setLastSeen(incident, at) }),
    // The window's generic channel: the gate (src/kinds/rules.ts) refuses a viewer's writes and the kinds only
    // the app's own services record, with their codes.
    'event:record': async ({ incident, kind, data }) => warRoom.record(incident, kind as never, data, 'window'),
  };
}

function syncHandlers({ sync, preferences }: IpcServices): Impls<'sync:join' | 'sync:host' | 'sync:online' | 'sync:leave' | 'sync:status'> {
  return {
    'sync:join': async (payload) => {
      const manager = need(sync, 'sync');
      let target: { hubUrl: string; alternates?: string[]; token: string; incident: string; fingerprint?: string; confirmed?: boolean };
      if ('link' in payload) {
        const link = parseJoinLink(payload.link);
        if (!link.ok) return link;
        target = {
          hubUrl: link.value.hub,
          ...(link.value.alternates ? { alternates: link.value.alternates } : {}),
          token: link.value.token,
          incident: link.value.incident,
          ...(link.value.fingerprint ? { fingerprint: link.value.fingerprint } : {}),
          ...(payload.confirmed ? { confirmed: true } : {}),
        };
      } else target = payload;
      const joined = await manager.join(target);
      if (joined.ok) preferences.update({ hubUrl: target.hubUrl });
      return joined;
    },
    'sync:host': async ({ incident, reach }) => need(sync, 'sync').host(incident, reach),
    'sync:online': async ({ incident, online }) => need(sync, 'sync').setOnline(incident, online),
    // Without sync every incident is simply local: leaving and asking are not errors.
    'sync:leave': async ({ incident }) => ok(sync ? await sync.leave(incident) : localStatus(incident)),
    'sync:status': ({ incident }) => ok(sync ? sync.status(incident) : localStatus(incident)),
  };
}

/**
 * Following a team changes what this app does by itself (it joins every room the team's alerts open), so a
 * team link, pasted or clicked, always asks first; only a confirmed ask subscribes.
 */
function teamHandlers({ teams }: IpcServices): Impls<'teams:follow'> {
  return {
    'teams:follow': async ({ link, confirmed }) => {
      const parsed = parseTeamLink(link);
      if (!parsed.ok) return parsed;
      const subscriptions = need(teams, 'teams');
      const { team, hub } = parsed.value;
      if (!confirmed) {
        const already = subscriptions.list().some((s) => s.hubUrl === hub && s.team === team);
        return fail(
          `${already ? `You already follow team ${team} on ${hub}; this link replaces its token. ` : ''}` +
            `Follow team ${team} on ${hub}? Every incident its alerts open will join this app by itself, with a notification. ` +
            'Following sends nothing of yours to the hub.',
          'consent-needed',
        );
      }
      const followed = subscriptions.subscribe(parsed.value);
      return followed.ok ? ok({ team: followed.value.team, hubUrl: followed.value.hubUrl }) : followed;
    },
  };
}

type DraftChannels =
  'drafts:list' | 'drafts:create' | 'drafts:edit' | 'drafts:review' | 'drafts:update' | 'drafts:publish' | 'drafts:discard';

function draftHandlers(services: IpcServices): Impls<DraftChannels> {
  const drafts = (): DraftsService => need(services.drafts, 'drafts');
  const delivery = (): PublicationDelivery =>
    new PublicationDelivery({ drafts: drafts(), chooseSavePath: services.chooseSavePath, writeClipboard: services.writeClipboard });
  const tz = services.timeZone ? { tz: services.timeZone } : {};
  return {
    'drafts:list': async ({ incident }) => drafts().list(incident),
    // A viewer's writes are refused by the gate every event passes (WarRoom.record), whichever service asks.
    'drafts:create': async (input) => {
      const r = await drafts().createDraft({ ...withoutEmpty(input), ...tz });
      return r.ok ? ok({ draftId: r.value.draftId }) : r;
    },
    'drafts:edit': async ({ incident, draft, update }) => {
      const r = await drafts().editDraft(incident, draft, update);
      return r.ok ? ok({ text: r.value.text }) : r;
    },
    'drafts:review': async ({ incident, draft, step, acknowledged, note }) => {
      const input = { acknowledged, ...(note ? { note } : {}) };
      if (step === 'ready') return done(await drafts().markReady(incident, draft, input));
      if (step === 'approve') return done(await drafts().approve(incident, draft, input));
      return done(await drafts().backToEditing(incident, draft, note));
    },
    'drafts:update': async ({ incident, draft, ...changes }) => done(await drafts().setMeta(incident, draft, withoutUndefined(changes))),
    'drafts:publish': async ({ incident, draft, deliver, markAffectedNotified }) =>
      delivery().publish(incident, draft, deliver, { markAffectedNotified: markAffectedNotified === true }),
    'drafts:discard': async ({ incident, draft, reason }) => done(await drafts().discard(incident, draft, reason)),
  };
}

function fileHandlers(services: IpcServices): Impls<'export:save' | 'clipboard:write' | 'link:open'> {
  const exporter = (format: ExportTarget): FileExporter =>
    new FileExporter({
      warRoom: services.warRoom,
      chooseSavePath: need(services.chooseSavePath, 'files'),
      renderPdf: format === 'pdf' ? need(services.renderPdf, 'pdf') : undefined,
      timeZone: services.timeZone,
      progress: services.exportProgress,
    });
  return {
    'export:save': async ({ incident, format, bom }) => exporter(format).save(incident, format, { bom: bom === true }),
    'clipboard:write': ({ text }) => {
      need(services.writeClipboard, 'clipboard')(text);
      return ok(null);
    },
    'link:open': async ({ url }) => {
      if (!isAllowedExternalUrl(url))
        return fail(`not opening "${url.slice(0, 200)}": only https and mailto links open outside the app`, 'invalid');
      await need(services.openExternal, 'links')(url);
      return ok(null);
    },
  };
}

/** Drops optional fields left empty ("" or undefined), so services see only what the person gave. */
function withoutEmpty<T extends object>(input: T): T {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== '')) as T;
}

function withoutUndefined<T extends object>(input: T): T {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as T;
}

/** A file-name-safe form of a title: letters, digits and dashes, at most 60 characters. */
export const slug = (title: string): string => fileSlug(title, 60, 'incident');
