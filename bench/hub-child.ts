// A hub in its own process for the memory bench (run by scale.bench.ts, not alone): its RSS is the hub's alone.
// Answers "rss" with its resident set after a full GC and "cpu" with its CPU time so far (ms); exits when the
// parent says so or goes away.
import { startHub } from '../main/hub/hub-server.js';

const [dataDir, idleRoomMs] = process.argv.slice(2);
const hub = await startHub({ dataDir: dataDir!, host: '127.0.0.1', port: 0, idleRoomMs: Number(idleRoomMs) });
const gc = (globalThis as { gc?: () => void }).gc;

// Stops within a few seconds whatever the hub is doing (a room still loading, say).
const stop = (): void => {
  setTimeout(() => process.exit(0), 3_000);
  void hub.close().then(() => process.exit(0));
};
process.on('disconnect', stop);
process.on('message', (m: { type: string }) => {
  if (m.type === 'rss') {
    for (let i = 0; i < 3; i++) gc?.();
    process.send?.({ type: 'rss', rss: process.memoryUsage().rss, heapUsed: process.memoryUsage().heapUsed });
  } else if (m.type === 'cpu') {
    const c = process.cpuUsage();
    process.send?.({ type: 'cpu', ms: (c.user + c.system) / 1000 });
  } else if (m.type === 'stop') stop();
});
process.send?.({ type: 'ready', url: hub.url });
