import { describeZodIssues, fail, ok, type Result } from '../../src/model/result.js';
import {
  INVOKE_SCHEMAS,
  type AppInfo,
  type ExportTarget,
  type InvokeChannel,
  type ParsedPayloadOf,
  type PrefsView,
  type ResultOf,
  type ExportProgress,
} from '../../src/ipc/contract.js';
import { EXPORT_FILE_TYPES, type ExportFormat } from '../../src/export/export-formats.js';
import { parseJoinLink } from '../../src/sync/join-link.js';
import { packEvents } from '../../src/ipc/packed-events.js';
import { publishFileName } from '../../src/comms/publish-file-name.js';
import { exportIncident } from '../services/incident-exporter.js';
import { writeFileAtomic } from '../services/atomic-file.js';
import type { DraftsService } from '../services/drafts-service.js';
import type { PreferencesService } from '../services/preferences.js';
import type { WarRoom } from '../services/war-room.js';
import { isAllowedExternalUrl } from './external-links.js';
import { localStatus, type SyncManager } from './sync-manager.js';
import type { ViewState } from './view-state.js';

export interface SaveRequest {
  suggestedName: string;
  filters: { name: string; extensions: string[] }[];
}

/** Everything the handlers need, injected: the app passes Electron-backed pieces, tests pass plain ones. */
export interface IpcServices {
  warRoom: WarRoom;
  preferences: PreferencesService;
  viewState: ViewState;
  /** Absent when this build cannot sync; the sync channels then say so. */
  sync?: Pick<SyncManager, 'join' | 'host' | 'setOnline' | 'leave' | 'status'> | null;
  /** Customer updates (drafts, review, publish); absent in builds without them. */
  drafts?: DraftsService | null;
  app: { version: string; platform: string };
  /** Asks where to save (a native dialog in the app); null when the person cancelled. */
  chooseSavePath?: (request: SaveRequest) => Promise<string | null>;
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

/**
 * The IPC handler table: one function per channel, each validating its payload with the contract's schema
 * and answering with a Result. Plain Node: main/index.ts registers it with ipcMain (after checking the sender)
 * and the e2e tests hand the very same table to the browser page.
 */
export function createIpcHandlers(services: IpcServices): IpcHandlerTable {
  const { warRoom, preferences, viewState } = services;

  const prefsView = (): PrefsView => {
    const p = preferences.get();
    return { displayName: p.displayName, actorId: p.actorId, hubUrl: p.hubUrl, theme: p.theme };
  };


  const noSync = (): Result<never> => fail('sync is not available in this build');
  const drafts = (): DraftsService => {
    if (!services.drafts) throw new Error('customer updates are not available in this build');
    return services.drafts;
  };
  const done = (r: Result<unknown>): Result<null> => (r.ok ? ok(null) : r);
  /** A room joined with a viewer invite is read-only here too, not only at the hub (which refuses it anyway). */
  const viewerRefusal = (incident: string): Result<never> | null =>
    services.sync?.status(incident).role === 'viewer' ? fail('you joined this room as a viewer, which is read-only: ask the commander for an editor link to write') : null;

  const impls: { [C in InvokeChannel]: Impl<C> } = {
    'app:info': (): Result<AppInfo> =>
      ok({
        actor: warRoom.actor(),
        origin: warRoom.origin,
        version: services.app.version,
        platform: services.app.platform,
        features: {
          sync: Boolean(services.sync),
          host: Boolean(services.sync),
          drafts: Boolean(services.drafts),
          export: Boolean(services.chooseSavePath), pdf: Boolean(services.renderPdf && services.chooseSavePath) },
      }),

    'prefs:get': () => ok(prefsView()),

    'prefs:set': (patch) => {
      preferences.update(patch);
      return ok(prefsView());
    },

    'incidents:list': async () => ok(await warRoom.listIncidents()),

    'incident:create': async ({ title, severity, summary }) => {
      const r = await warRoom.createIncident({ title, severity, ...(summary ? { summary } : {}) });
      return r.ok ? ok({ incident: r.value.incident }) : r;
    },

    'incident:open': async ({ incident }) => {
      // A room joined from a link has no local log until the first events arrive; an unknown id otherwise is a mistake.
      const known = await warRoom.exists(incident);
      const shared = services.sync ? services.sync.status(incident).state !== 'local' : false;
      if (!known && !shared) return fail(`no incident "${incident}" on this machine`);
      if (known) await warRoom.refresh(incident);
      const events = packEvents(incident, known ? await warRoom.events(incident) : []);
      const issues = known ? (await warRoom.issues(incident)).map((i) => `line ${i.line}: ${i.reason}${i.cut ? ' (cut)' : ''}`) : [];
      return ok({ incident, events, lastSeen: viewState.lastSeen(incident), issues });
    },

    'incident:seen': ({ incident, at }) => ok({ lastSeen: viewState.setLastSeen(incident, at) }),

    'event:record': async ({ incident, kind, data }) => viewerRefusal(incident) ?? warRoom.record(incident, kind as never, data),

    'sync:join': async (payload) => {
      if (!services.sync) return noSync();
      let target: { hubUrl: string; token: string; incident: string };
      if ('link' in payload) {
        const link = parseJoinLink(payload.link);
        if (!link.ok) return link;
        target = { hubUrl: link.value.hub, token: link.value.token, incident: link.value.incident };
      } else target = payload;
      const joined = await services.sync.join(target);
      if (joined.ok) preferences.update({ hubUrl: target.hubUrl });
      return joined;
    },

    'sync:host': async ({ incident }) => (services.sync ? services.sync.host(incident) : noSync()),

    'sync:online': async ({ incident, online }) => (services.sync ? services.sync.setOnline(incident, online) : noSync()),

    'sync:leave': async ({ incident }) => (services.sync ? ok(await services.sync.leave(incident)) : ok(localStatus(incident))),

    'sync:status': ({ incident }) => ok(services.sync ? services.sync.status(incident) : localStatus(incident)),

    'drafts:list': async ({ incident }) => drafts().list(incident),

    'drafts:create': async ({ incident, audience, channel, customer, template, title }) => {
      const refused = viewerRefusal(incident);
      if (refused) return refused;
      const r = await drafts().createDraft({
        incident,
        audience,
        channel,
        ...(customer ? { customer } : {}),
        ...(template ? { template } : {}),
        ...(title ? { title } : {}),
        ...(services.timeZone ? { tz: services.timeZone } : {}),
      });
      return r.ok ? ok({ draftId: r.value.draftId }) : r;
    },

    'drafts:edit': async ({ incident, draft, update }) => {
      const refused = viewerRefusal(incident);
      if (refused) return refused;
      const r = await drafts().editDraft(incident, draft, update);
      return r.ok ? ok({ text: r.value.text }) : r;
    },

    'drafts:review': async ({ incident, draft, step, acknowledged, note }) => {
      const refused = viewerRefusal(incident);
      if (refused) return refused;
      const input = { acknowledged, ...(note ? { note } : {}) };
      if (step === 'ready') return done(await drafts().markReady(incident, draft, input));
      if (step === 'approve') return done(await drafts().approve(incident, draft, input));
      return done(await drafts().backToEditing(incident, draft, note));
    },

    'drafts:update': async ({ incident, draft, title, audience, channel, customer }) =>
      viewerRefusal(incident) ??
      done(
        await drafts().setMeta(incident, draft, {
          ...(title !== undefined ? { title } : {}),
          ...(audience !== undefined ? { audience } : {}),
          ...(channel !== undefined ? { channel } : {}),
          ...(customer !== undefined ? { customer } : {}),
        }),
      ),

    'drafts:publish': async ({ incident, draft, deliver }) => {
      const refused = viewerRefusal(incident);
      if (refused) return refused;
      let path: string | null = null;
      if (deliver === 'file') {
        if (!services.chooseSavePath) return fail('not published: saving files is not available here; publish it to the clipboard instead');
        const view = await drafts().view(incident, draft);
        if (!view.ok) return view;
        // Ask where first: cancelling the dialog then publishes nothing.
        const name = publishFileName(view.value.title, view.value.channel, Date.now());
        path = await services.chooseSavePath({ suggestedName: name, filters: [{ name: 'Customer update', extensions: [name.slice(name.lastIndexOf('.') + 1)] }] });
        if (path === null) return fail('not published: no file was chosen');
      }
      if (deliver === 'clipboard' && !services.writeClipboard) return fail('not published: the clipboard is not available here; save it to a file instead');
      const r = await drafts().publish(incident, draft);
      if (!r.ok) return r;
      const published = { text: r.value.text, channel: r.value.channel, fileName: r.value.fileName, publishedAt: r.value.publishedAt, notified: r.value.notified };
      // Published means recorded: a delivery that fails now is reported, and the text is still in the timeline to copy.
      try {
        if (deliver === 'clipboard') {
          services.writeClipboard!(r.value.text);
          return ok({ ...published, delivered: { to: 'clipboard' as const } });
        }
        if (deliver === 'file' && path !== null) {
          await writeFileAtomic(path, r.value.text.endsWith('\n') ? r.value.text : `${r.value.text}\n`);
          return ok({ ...published, delivered: { to: 'file' as const, path } });
        }
      } catch (e) {
        return ok({ ...published, delivered: { to: 'none' as const, problem: `${deliver === 'file' ? 'not saved' : 'not copied'}: ${e instanceof Error ? e.message : String(e)}` } });
      }
      return ok({ ...published, delivered: { to: 'none' as const } });
    },

    'drafts:discard': async ({ incident, draft, reason }) => viewerRefusal(incident) ?? done(await drafts().discard(incident, draft, reason)),

    'export:save': async ({ incident, format }) => {
      if (!services.chooseSavePath) return fail('saving files is not available here');
      if (format === 'pdf' && !services.renderPdf) return fail('PDF export is not available here');
      const state = await warRoom.state(incident);
      const type = exportFileType(format);
      const path = await services.chooseSavePath({
        suggestedName: `${slug(state.title)}-${incident}.${type.extension}`,
        filters: [{ name: type.name, extensions: [type.extension] }],
      });
      if (path === null) return ok({ saved: false });
      const events = (await warRoom.events(incident)).length;
      const progress = (stage: ExportProgress['stage']) => services.exportProgress?.({ incident, format, stage, events, path });
      try {
        progress('rendering');
        const rendered = await exportIncident(warRoom, incident, format === 'pdf' ? 'html' : format, services.timeZone ? { tz: services.timeZone } : {});
        if (format === 'pdf') {
          progress('printing');
          const pdf = await services.renderPdf!(rendered);
          progress('writing');
          await writeFileAtomic(path, pdf);
        } else {
          progress('writing');
          await writeFileAtomic(path, rendered);
        }
        progress('done');
        return ok({ saved: true, path });
      } catch (e) {
        progress('failed');
        throw e;
      }
    },

    'clipboard:write': ({ text }) => {
      if (!services.writeClipboard) return fail('the clipboard is not available here');
      services.writeClipboard(text);
      return ok(null);
    },

    'link:open': async ({ url }) => {
      if (!isAllowedExternalUrl(url)) return fail(`not opening "${url.slice(0, 200)}": only https and mailto links open outside the app`);
      if (!services.openExternal) return fail('opening links is not available here');
      await services.openExternal(url);
      return ok(null);
    },
  };

  const table = {} as IpcHandlerTable;
  for (const channel of Object.keys(impls) as InvokeChannel[]) {
    const schema = INVOKE_SCHEMAS[channel];
    const impl = impls[channel] as (p: unknown) => Promise<Result<unknown>> | Result<unknown>;
    table[channel] = async (payload: unknown) => {
      const parsed = schema.safeParse(payload ?? {});
      if (!parsed.success) return fail(`${channel}: ${describeZodIssues(parsed.error.issues)}`);
      try {
        return await impl(parsed.data);
      } catch (e) {
        // A handler never throws across IPC: the renderer gets a reason it can show and keeps what was typed.
        return fail(e instanceof Error ? e.message : String(e));
      }
    };
  }
  return table;
}

function exportFileType(format: ExportTarget): { name: string; extension: string } {
  if (format === 'pdf') return { name: 'PDF report', extension: 'pdf' };
  return EXPORT_FILE_TYPES[format as ExportFormat];
}

/** A file-name-safe form of a title: letters, digits and dashes, at most 60 characters. */
export function slug(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || 'incident';
}
