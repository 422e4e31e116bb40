import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { watchLogs } from '../../main/services/log-watcher.js';
import { WarRoom } from '../../main/services/war-room.js';
import { waitFor } from '../helpers/hub-peers.js';
import { cli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('watching the logs for appends by other processes', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let app: WarRoom;
  let stop: () => void;
  beforeEach(async () => {
    dir = await tempDir();
    app = new WarRoom({ store: new IncidentLogStore(`${dir.path}/incidents`), actor: () => ({ id: 'u_app0000001', name: 'App' }) });
    stop = watchLogs(app, `${dir.path}/incidents`);
  });
  afterEach(async () => {
    stop();
    await app.close();
    await dir.cleanup();
  });

  it('shows a CLI post in the open app as it lands, once', async () => {
    const opened = await app.createIncident({ title: 'Checkout failing', severity: 'SEV1' });
    if (!opened.ok) throw new Error(opened.error);
    const incident = opened.value.incident;
    const heard: string[] = [];
    app.onEvents((_i, events, source) => heard.push(...events.map((e) => `${source}:${e.kind}`)));

    const posted = await cli([
      'post',
      '--data-dir',
      dir.path,
      '--incident',
      incident,
      '--kind',
      'action',
      '--text',
      'rolled back release 42',
      '--name',
      'deploy-bot',
    ]);
    expect(posted.code).toBe(0);
    await waitFor(async () => (await app.state(incident)).actions.length === 1, 'the CLI post to show in the app', 5_000);
    expect((await app.state(incident)).entries[posted.stdout]).toMatchObject({
      text: 'rolled back release 42',
      author: { name: 'deploy-bot' },
    });

    // The app's own writes wake the watcher too; they must not come back as new.
    expect((await app.record(incident, 'note.added', { text: 'from the app' })).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).toEqual(['remote:action.added', 'local:note.added']);
  });
});
