// The 1,000 connections that stop reading, for `npm run stress`, in their own process: like a real attacker's
// machine, their client-side work (1,000 handshakes, 1,000 sockets torn down) is not charged to the honest
// client whose pulls the bench times. Started and driven over IPC by stress.bench.ts.
import type { HubSocket } from '../main/sync/sync-client.js';
import { connectOutcome, memorySigner, rawSocket, signedAuth } from '../test/helpers/hub-peers.js';

interface Open {
  type: 'open';
  url: string;
  tokens: string[];
  incident: string;
  count: number;
}

type RawTcp = { pause(): void; destroy(): void };
const tcpOf = (s: HubSocket): RawTcp | undefined =>
  (s.io.engine as unknown as { transport: { ws?: { _socket?: RawTcp } } }).transport.ws?._socket;

const stalled: HubSocket[] = [];
process.on('disconnect', () => process.exit(0));
process.on('message', (raw: unknown) => {
  const m = raw as Open | { type: 'drop' } | { type: 'stop' };
  if (m.type === 'open') void openAll(m);
  else if (m.type === 'drop') {
    // All at once, the way a crashed machine or a pulled cable drops them.
    for (const s of stalled) tcpOf(s)?.destroy();
    process.send!({ type: 'dropped', count: stalled.length });
  } else if (m.type === 'stop') {
    for (const s of stalled) s.close();
    setTimeout(() => process.exit(0), 50);
  }
});

async function openAll(m: Open): Promise<void> {
  for (let i = 0; i < m.count; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, m.count - i) }, async (_, j) => {
        const s = rawSocket(m.url, signedAuth(memorySigner(), m.tokens[(i + j) % m.tokens.length]!, m.incident, `Stalled ${i + j}`));
        return (await connectOutcome(s)).connected ? s : (s.close(), null);
      }),
    );
    for (const s of batch) {
      if (!s) continue;
      // Never read again: the hub's writes to it pile up in its buffers.
      tcpOf(s)?.pause();
      stalled.push(s);
    }
  }
  process.send!({ type: 'opened', count: stalled.length });
}
