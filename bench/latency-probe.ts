// Diagnostic (not a bench row): live latency alone, disk then memory, for profiling with --cpu-prof.
import { liveLatency, bareSocketIoLatency } from './sync.bench.js';
import { MemoryHubStorage } from '../test/helpers/hub-memory-storage.js';
import { percentile } from './table.js';
import { cleanupTempDirs } from '../test/helpers/hub-peers.js';
const writes = Number(process.argv[2] ?? 200);
const which = process.argv[3] ?? 'all';
const fmt = (xs: number[]) =>
  `p50 ${percentile(xs, 50).toFixed(2)} p90 ${percentile(xs, 90).toFixed(2)} p99 ${percentile(xs, 99).toFixed(2)} n ${xs.length}`;
if (which === 'all' || which === 'bare') console.log('bare  ', fmt(await bareSocketIoLatency(writes)));
if (which === 'all' || which === 'disk') {
  const l = await liveLatency(writes);
  console.log('disk  ', fmt(l.latencies), `cpu ${l.cpuMsPerWrite.toFixed(2)} ms/write`);
}
if (which === 'all' || which === 'mem') {
  const l = await liveLatency(writes, new MemoryHubStorage());
  console.log('memory', fmt(l.latencies), `cpu ${l.cpuMsPerWrite.toFixed(2)} ms/write`);
}
await cleanupTempDirs();
process.exit(0);
