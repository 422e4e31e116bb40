// The Docker image's HEALTHCHECK: GET /healthz on this container's own hub, over https when the hub serves TLS
// (WARROOM_HUB_TLS_CERT, or WARROOM_HUB_SELF_SIGNED=1), else http; exit 0 when it answers 200, else 1.
// The certificate is not verified: the question is only whether this process answers, asked over loopback,
// and a self-signed certificate names no host to check against.
'use strict';

const env = process.env;
const tls = Boolean(env.WARROOM_HUB_TLS_CERT) || ['1', 'true', 'yes'].includes(env.WARROOM_HUB_SELF_SIGNED ?? '');
const host = !env.WARROOM_HUB_HOST || ['0.0.0.0', '::', '[::]'].includes(env.WARROOM_HUB_HOST) ? '127.0.0.1' : env.WARROOM_HUB_HOST;
const port = Number(env.WARROOM_HUB_PORT || 7311);
const { get } = require(tls ? 'node:https' : 'node:http');

const req = get({ host, port, path: '/healthz', timeout: 4000, rejectUnauthorized: false }, (res) => {
  res.resume();
  if (res.statusCode !== 200) console.error(`healthcheck: /healthz answered ${res.statusCode}`);
  process.exit(res.statusCode === 200 ? 0 : 1);
});
req.on('timeout', () => req.destroy(new Error('no answer within 4 s')));
req.on('error', (e) => {
  console.error(`healthcheck: ${tls ? 'https' : 'http'}://${host}:${port}/healthz: ${e.message}`);
  process.exit(1);
});
