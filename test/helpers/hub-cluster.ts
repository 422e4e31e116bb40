import type { HubRole } from '../../src/sync/protocol.js';
import { PostgresHubStorage } from '../../main/hub/cluster/postgres-storage.js';
import { PostgresRevokedInvites, sharedInviteSecret } from '../../main/hub/cluster/postgres-hub-state.js';
import { signInvite } from '../../main/hub/invite-token.js';

/** An invite signed with the secret every hub on this database shares (what `warroom invite --storage URL` does). */
export async function clusterInvite(storageUrl: string, room: string, role: HubRole = 'editor', jti?: string): Promise<string> {
  const storage = await PostgresHubStorage.open(storageUrl, { max: 1 });
  try {
    return signInvite(await sharedInviteSecret(storage.pool), { room, role, exp: Date.now() + 3_600_000, ...(jti ? { jti } : {}) });
  } finally {
    await storage.close();
  }
}

/** Revokes an invite in the database (what `warroom invite --revoke ID --storage URL` does). */
export async function clusterRevoke(storageUrl: string, jti: string): Promise<void> {
  const storage = await PostgresHubStorage.open(storageUrl, { max: 1 });
  try {
    await new PostgresRevokedInvites(storage.pool).revoke(jti);
  } finally {
    await storage.close();
  }
}

/** The room as the database holds it, in its agreed order. */
export async function clusterLog(storageUrl: string, room: string) {
  const storage = await PostgresHubStorage.open(storageUrl, { max: 1 });
  try {
    return (await storage.loadRoom(room)).events;
  } finally {
    await storage.close();
  }
}
