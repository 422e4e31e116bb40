import { io as connectIo, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { Notice, SyncStatus } from '../../src/ipc/contract.js';
import { fail, ok, type Result } from '../../src/model/result.js';
import { TEAM_EVENTS, TEAM_NAMESPACE, teamIncidentsMessageSchema, type TeamIncident } from '../../src/sync/team-protocol.js';
import type { TeamLink } from '../../src/sync/team-link.js';
import type { TeamSubscription, ViewState } from '../app/view-state.js';
import { pinnedIoOptions } from './pinned-tls.js';

type IoFactory = (url: string, options: Partial<ManagerOptions & SocketOptions>) => Socket;

export interface TeamSubscriptionsOptions {
  /** Joins a room (SyncManager.join) and tells whether this app is in one already (SyncManager.status). */
  sync: {
    join(target: {
      hubUrl: string;
      token: string;
      incident: string;
      fingerprint?: string;
      confirmed?: boolean;
    }): Promise<Result<SyncStatus>>;
    status(incident: string): SyncStatus;
  };
  viewState: ViewState;
  /** A desktop notification and the window's notice. */
  notify: (notice: Notice) => void;
  ioFactory?: IoFactory;
  log?: (line: string) => void;
}

const keyOf = (s: { hubUrl: string; team: string }): string => `${s.hubUrl}\n${s.team}`;

/**
 * The teams this person follows. Subscribed to a team means: this app holds a team link from a hub (made with
 * `warroom invite --team NAME`), keeps a connection to that hub's `/team` namespace, and joins the room of every
 * incident an alert opens for the team (it then appears in the incident list), with a desktop notification
 * when one opens while the app runs. Subscriptions are remembered across restarts.
 */
export class TeamSubscriptions {
  private readonly sockets = new Map<string, Socket>();
  private closed = false;

  constructor(private readonly options: TeamSubscriptionsOptions) {}

  /** Connects every remembered subscription. */
  start(): void {
    for (const s of this.options.viewState.teams()) this.connect(s);
  }

  list(): TeamSubscription[] {
    return this.options.viewState.teams();
  }

  subscribe(link: TeamLink): Result<TeamSubscription> {
    if (this.closed) return fail('the app is closing');
    const sub: TeamSubscription = {
      hubUrl: link.hub,
      team: link.team,
      token: link.token,
      ...(link.fingerprint ? { fingerprint: link.fingerprint } : {}),
    };
    const others = this.list().filter((s) => keyOf(s) !== keyOf(sub));
    this.options.viewState.saveTeams([...others, sub]);
    this.disconnect(sub);
    this.connect(sub);
    return ok(sub);
  }

  unsubscribe(hubUrl: string, team: string): void {
    this.options.viewState.saveTeams(this.list().filter((s) => keyOf(s) !== keyOf({ hubUrl, team })));
    this.disconnect({ hubUrl, team });
  }

  close(): void {
    this.closed = true;
    for (const socket of this.sockets.values()) socket.disconnect();
    this.sockets.clear();
  }

  private connect(sub: TeamSubscription): void {
    const factory: IoFactory = this.options.ioFactory ?? ((url, opts) => connectIo(url, opts));
    const log = this.options.log ?? (() => undefined);
    const socket = factory(`${sub.hubUrl}${TEAM_NAMESPACE}`, {
      auth: { token: sub.token },
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelayMax: 30_000,
      ...(sub.fingerprint ? pinnedIoOptions(sub.fingerprint, (e) => (log(`team ${sub.team}: ${e.message}`), socket.disconnect())) : {}),
    });
    this.sockets.set(keyOf(sub), socket);
    socket.on('connect_error', (e) => log(`team ${sub.team} on ${sub.hubUrl}: ${e.message}`));
    socket.on(TEAM_EVENTS.incidents, (payload: unknown) => {
      const message = teamIncidentsMessageSchema.safeParse(payload);
      if (!message.success) return log(`team ${sub.team}: the hub sent a message this app cannot read`);
      for (const incident of message.data.incidents) if (incident.team === sub.team) void this.take(sub, incident);
    });
  }

  private disconnect(sub: { hubUrl: string; team: string }): void {
    this.sockets.get(keyOf(sub))?.disconnect();
    this.sockets.delete(keyOf(sub));
  }

  /** Joins the incident's room unless this app is in it already; a new one is announced. */
  private async take(sub: TeamSubscription, incident: TeamIncident): Promise<void> {
    if (this.closed || this.options.sync.status(incident.incident).state !== 'local') return;
    const joined = await this.options.sync.join({
      hubUrl: sub.hubUrl,
      token: incident.token,
      incident: incident.incident,
      ...(sub.fingerprint ? { fingerprint: sub.fingerprint } : {}),
      // The person subscribed to this hub's team; a new incident has nothing of theirs to ask about.
      confirmed: true,
    });
    if (!joined.ok) {
      this.options.notify({ kind: 'error', incident: incident.incident, title: `Could not join ${incident.title}`, body: joined.error });
      return;
    }
    if (incident.fresh)
      this.options.notify({
        kind: 'alert-opened',
        incident: incident.incident,
        title: `${incident.severity} ${incident.title}`,
        body: `An alert opened this incident for team ${incident.team}; it is in your list.`,
      });
  }
}
