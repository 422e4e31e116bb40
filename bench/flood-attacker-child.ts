// The flooding invite holder for `npm run bench -- flood`, in its own process (an attacker's own machine): its
// signing, handshakes and sockets cost the honest client nothing. Driven over IPC by flood.bench.ts.
import { pullFlood, pushFlood, pushLargeEvents, stalledReaders, type FloodReport } from '../test/helpers/flood-attack.js';

interface Start {
  type: 'push' | 'pull' | 'stall';
  url: string;
  tokens: string[];
  editorToken: string;
  incident: string;
  count: number;
  large: number;
}

let stop: (() => Promise<FloodReport>) | null = null;
process.on('disconnect', () => process.exit(0));
process.on('message', (raw: unknown) => {
  const m = raw as Start | { type: 'stop' } | { type: 'exit' };
  if (m.type === 'exit') process.exit(0);
  if (m.type === 'stop') {
    void (stop ?? (async () => null))().then((report) => process.send!({ type: 'report', report }));
    stop = null;
    return;
  }
  void start(m).then(() => process.send!({ type: 'started' }));
});

async function start(m: Start): Promise<void> {
  if (m.type === 'push') {
    const flood = pushFlood(m.url, m.tokens[0]!, m.incident, m.count);
    stop = flood.stop;
  } else if (m.type === 'pull') {
    const flood = pullFlood(m.url, m.tokens[0]!, m.incident, m.count);
    await flood.opened;
    stop = flood.stop;
  } else {
    const stalled = await stalledReaders(m.url, m.tokens, m.incident, m.count);
    const pushing = pushLargeEvents(m.url, m.editorToken, m.incident, m.large);
    stop = async () => {
      const pushed = await pushing;
      stalled.close();
      return { ...stalled.report, stored: pushed.stored, limited: pushed.limited };
    };
  }
}
