import type {
  AppInfo,
  EventChannel,
  EventPayloads,
  IncidentListEntry,
  InvokeChannel,
  PrefsView,
  Theme,
  WarroomBridge,
} from '../src/ipc/contract.js';
import { THEMES } from '../src/ipc/contract.js';
import { packEvents } from '../src/ipc/packed-events.js';
import { incidentMetrics } from '../src/incident/incident-metrics.js';
import { fail, ok, type Result } from '../src/model/result.js';
import type { WebPeer } from './web-peer.js';

const READ_ONLY =
  'This is a read-only view in a browser: it shows the incident live and writes nothing. To write, open an editor link in the War Room app.';
const THEME_KEY = 'warroom-theme';

/**
 * The page's `window.warroom`: what the desktop app's main process answers over IPC, answered here from the
 * in-page peer (WebPeer), so the very same window (renderer/) runs in a plain browser. Read-only: every channel
 * that would write answers with why not.
 */
export function webBridge(peer: WebPeer, firstSync: Promise<string | null>): WarroomBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const emit = <E extends EventChannel>(channel: E, payload: EventPayloads[E]): void => {
    for (const l of listeners.get(channel) ?? []) l(payload);
  };
  const { room } = peer;
  room.listen({
    events: (events) => emit('incident:events', { incident: room.incident, events }),
    order: (range) => emit('incident:order', { incident: room.incident, range }),
    keptOut: (refused) => emit('incident:kept-out', { incident: room.incident, refused }),
  });
  peer.session.onStatus(() => emit('sync:status', peer.status()));

  const answers: Partial<Record<InvokeChannel, (payload: Record<string, unknown>) => Promise<Result<unknown>> | Result<unknown>>> = {
    'app:info': () => ok(appInfo(peer)),
    'prefs:get': () => ok(prefs(peer)),
    'prefs:set': (p) => {
      if (p.displayName !== undefined) return fail(READ_ONLY, 'forbidden');
      if (typeof p.theme === 'string' && (THEMES as readonly string[]).includes(p.theme)) saveTheme(p.theme as Theme);
      return ok(prefs(peer));
    },
    'incidents:list': () => ok(room.folder.state.openedBy ? [listEntry(peer)] : []),
    'incident:open': async (p) => {
      if (p.incident !== room.incident) return fail('this link opens one incident only');
      // The catch-up first: the window opens on what the hub holds, not on an empty log filling in.
      const refused = await firstSync;
      if (refused !== null && room.folder.events.length === 0) return fail(refused);
      const events = room.folder.events;
      return ok({
        incident: room.incident,
        events: packEvents(room.incident, events),
        lastSeen: null,
        issues: [],
        settled: room.folder.ordered ? room.folder.position : null,
      });
    },
    'incident:seen': (p) => ok({ lastSeen: typeof p.at === 'number' ? p.at : Date.now() }),
    'sync:status': (p) => (p.incident === room.incident ? ok(peer.status()) : fail('this link opens one incident only')),
    // The window copies with the browser's clipboard itself when this is refused.
    'clipboard:write': () => fail('copy with the browser'),
    'link:open': (p) => {
      const url = typeof p.url === 'string' ? p.url : '';
      if (!/^https?:\/\//i.test(url)) return fail('only http and https links open from here');
      window.open(url, '_blank', 'noopener,noreferrer');
      return ok(null);
    },
  };

  return Object.freeze({
    invoke: async (channel: string, payload: unknown) => {
      const answer = answers[channel as InvokeChannel];
      if (!answer) return fail(READ_ONLY, 'forbidden');
      return answer((payload ?? {}) as Record<string, unknown>);
    },
    on: (channel: string, listener: (payload: unknown) => void) => {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  });
}

function appInfo(peer: WebPeer): AppInfo {
  return {
    actor: peer.room.actor(),
    origin: '',
    version: 'web',
    platform: 'web',
    features: { sync: true, host: false, drafts: true, export: false, pdf: false },
  };
}

function prefs(peer: WebPeer): PrefsView {
  const actor = peer.room.actor();
  return { displayName: actor.name, actorId: actor.id, hubUrl: peer.hubUrl, theme: savedTheme(), clock: 'system' };
}

function listEntry(peer: WebPeer): IncidentListEntry {
  const state = peer.room.folder.state;
  return {
    id: state.id,
    title: state.title,
    severity: state.severity,
    status: state.status,
    openedAt: state.openedAt,
    lastEventAt: state.lastEventAt,
    entries: state.hypotheses.length + state.actions.length + state.notes.length,
    metrics: incidentMetrics(state),
  };
}

/** The theme is this browser's choice, kept in its own storage (never sent anywhere). */
function savedTheme(): Theme {
  try {
    const t = localStorage.getItem(THEME_KEY);
    return t !== null && (THEMES as readonly string[]).includes(t) ? (t as Theme) : 'system';
  } catch {
    return 'system';
  }
}

function saveTheme(theme: Theme): void {
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch {
    // Private windows may refuse storage: the theme then lasts as long as the page.
  }
}
