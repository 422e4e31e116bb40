import type { Server, Socket } from 'socket.io';
import { randomId } from '../../../src/model/ids.js';
import { PROTOCOL_LIMITS, type HubRole } from '../../../src/sync/protocol.js';
import { TEAM_EVENTS, TEAM_NAMESPACE, teamAuthSchema, type TeamIncident } from '../../../src/sync/team-protocol.js';
import { signInvite } from '../invite-token.js';
import type { AlertGroupEntry, AlertGroups } from './alert-groups.js';
import { verifyTeamToken } from './team-token.js';

interface TeamSocketData {
  team: string;
  role: HubRole;
  exp: number;
}

export interface TeamChannelOptions {
  secret: Buffer;
  groups: AlertGroups;
  now: () => number;
  log: (line: string) => void;
}

/**
 * The hub's `/team` namespace: subscribers (people whose app holds a team token) hear of the incidents alerts
 * open for their team, each with an invite to its room minted for them, and their app joins it. Nothing is
 * asked of a subscriber, so the namespace takes no requests; it only tells.
 */
export class TeamChannel {
  constructor(
    private readonly io: Server,
    private readonly options: TeamChannelOptions,
  ) {
    const ns = io.of(TEAM_NAMESPACE);
    ns.use((socket, next) => {
      const auth = teamAuthSchema.safeParse(socket.handshake.auth);
      const claims = auth.success ? verifyTeamToken(options.secret, auth.data.token, options.now()) : null;
      if (!claims?.ok) {
        const reason = claims?.error ?? 'no team token: ask the hub host for one (warroom invite --team NAME)';
        options.log(`refused a team subscription: ${reason}`);
        return next(Object.assign(new Error(reason), { data: { code: 'bad-token' } }));
      }
      (socket.data as TeamSocketData) = { team: claims.value.team, role: claims.value.role, exp: claims.value.exp };
      next();
    });
    ns.on('connection', (socket: Socket) => void this.welcome(socket));
  }

  /** Tells the team's subscribers an alert just opened `entry`. */
  announce(entry: AlertGroupEntry): void {
    const ns = this.io.of(TEAM_NAMESPACE);
    for (const socket of ns.sockets.values()) {
      const data = socket.data as TeamSocketData;
      if (data.team !== entry.team) continue;
      socket.emit(TEAM_EVENTS.incidents, { incidents: [this.incidentFor(entry, data, true)] });
    }
  }

  private async welcome(socket: Socket): Promise<void> {
    const data = socket.data as TeamSocketData;
    this.options.log(`a ${data.role} subscribed to team ${data.team}`);
    try {
      const open = await this.options.groups.openFor(data.team);
      if (open.length && socket.connected)
        socket.emit(TEAM_EVENTS.incidents, { incidents: open.map((e) => this.incidentFor(e, data, false)) });
    } catch (e) {
      this.options.log(`team ${data.team}: could not list its open incidents: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** The incident with an invite for this subscriber: its role, until its subscription ends (an invite lasts at most 30 days). */
  private incidentFor(entry: AlertGroupEntry, data: TeamSocketData, fresh: boolean): TeamIncident {
    const exp = Math.min(data.exp, this.options.now() + PROTOCOL_LIMITS.inviteMaxMs);
    const token = signInvite(this.options.secret, { room: entry.incident, role: data.role, exp, jti: randomId('i_', 12) });
    return { ...entry, token, fresh };
  }
}
