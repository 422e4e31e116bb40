import { z } from 'zod';
import { ID_PATTERN } from '../model/ids.js';
import { SEVERITIES } from '../model/vocabulary.js';

/**
 * Team subscriptions (main/hub/PROTOCOL.md, "Teams"): a person subscribed to a team hears, on the hub's `/team`
 * namespace, of every incident an alert opens for that team, with an invite to its room, so the room appears in
 * their list. The handshake's `auth` is `{ token }`, a team token (`warroom invite --team NAME`).
 */
export const TEAM_NAMESPACE = '/team';

export const TEAM_EVENTS = {
  /** Hub -> subscriber: incidents alerts opened for the team (all open ones on connect, then each as it opens). */
  incidents: 'team:incidents',
} as const;

export const teamIncidentSchema = z.strictObject({
  incident: z.string().regex(ID_PATTERN),
  team: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  title: z.string().max(200),
  severity: z.enum(SEVERITIES),
  openedAt: z.int().min(0),
  /** An invite to the incident's room, with the subscription's role. */
  token: z.string().min(1).max(4096),
  /** True when the alert opened it just now (a desktop notification); false for ones already open on connect. */
  fresh: z.boolean(),
});
export type TeamIncident = z.infer<typeof teamIncidentSchema>;

export const teamIncidentsMessageSchema = z.strictObject({ incidents: z.array(teamIncidentSchema).max(100) });
export type TeamIncidentsMessage = z.infer<typeof teamIncidentsMessageSchema>;

export const teamAuthSchema = z.strictObject({ token: z.string().min(1).max(4096) });
