/* global process, fetch */
// A flood of alert webhook requests from its own process (so the hub's cost is measured, not the sender's):
// `node alert-flood.mjs URL SECRET SECONDS CONCURRENCY` sends a mix of valid notifications (one group, again and
// again), wrong secrets, malformed bodies and oversize ones, then prints the count of each answer as JSON.
const [url, secret, seconds, concurrency] = process.argv.slice(2);
const until = Date.now() + Number(seconds) * 1000;
const at = new Date(Date.now() - 60_000).toISOString();
const valid = JSON.stringify({
  version: '4',
  groupKey: '{}:{alertname="Flood"}',
  truncatedAlerts: 0,
  status: 'firing',
  receiver: 'war-room',
  groupLabels: { alertname: 'Flood', team: 'payments' },
  commonLabels: { alertname: 'Flood', team: 'payments' },
  commonAnnotations: { summary: 'flooding' },
  externalURL: 'http://am.example',
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'Flood', team: 'payments' },
      annotations: {},
      startsAt: at,
      endsAt: '',
      generatorURL: '',
      fingerprint: 'f',
    },
  ],
});
const big = JSON.stringify({ pad: 'x'.repeat(300 * 1024) });
const kinds = [
  { body: valid, auth: `Bearer ${secret}` },
  { body: valid, auth: 'Bearer wrong-secret-wrong-secret' },
  { body: '{"version":"4",', auth: `Bearer ${secret}` },
  { body: valid, auth: `Bearer ${secret}` },
  { body: big, auth: `Bearer ${secret}` },
];
const counts = {};
let n = 0;
async function worker() {
  while (Date.now() < until) {
    const k = kinds[n++ % kinds.length];
    try {
      const r = await fetch(url, { method: 'POST', body: k.body, headers: { 'content-type': 'application/json', authorization: k.auth } });
      await r.arrayBuffer();
      counts[r.status] = (counts[r.status] ?? 0) + 1;
    } catch {
      counts.error = (counts.error ?? 0) + 1;
    }
  }
}
await Promise.all(Array.from({ length: Number(concurrency) }, worker));
process.stdout.write(JSON.stringify(counts) + '\n');
