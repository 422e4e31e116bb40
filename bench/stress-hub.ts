// A hub in its own process for `npm run bench -- stress`, so the clients' work does not count against the
// hub's event loop. It reports the longest the loop was blocked since the last ask (over IPC).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startHub } from '../main/hub/hub-server.js';

const [dataDir, perInvite] = process.argv.slice(2);
const hub = await startHub({ dataDir: dataDir!, host: '127.0.0.1', port: 0, connectionsPerInvite: Number(perInvite) });
let histogram = monitorEventLoopDelay({ resolution: 5 });
histogram.enable();
process.on('message', (m: { ask: string }) => {
  if (m.ask === 'lag') {
    histogram.disable();
    process.send!({ maxLagMs: histogram.max / 1e6, rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) });
    histogram = monitorEventLoopDelay({ resolution: 5 });
    histogram.enable();
  } else if (m.ask === 'stop') void hub.close().then(() => process.exit(0));
});
process.send!({ url: hub.url });
