import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HubMetrics } from './hub-metrics.js';

/** A route another part of the hub adds (alert webhooks, the web view): true when it took the request. */
export type HubHttpRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface HubHttpOptions {
  metrics: HubMetrics;
  /** True once storage is open and until a stop begins: load balancers send peers only then. */
  ready(): boolean;
  /** Tried in order before the 404 (filled in once the hub's parts are up). */
  routes?: readonly HubHttpRoute[];
}

/**
 * The hub's plain HTTP side, for operators: GET /healthz (the process answers), GET /readyz (it can take
 * peers), GET /metrics (Prometheus). Socket.IO handles its own path before this runs.
 */
export function hubHttpHandler(options: HubHttpOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const method = req.method ?? 'GET';
    if ((method === 'GET' || method === 'HEAD') && path === '/healthz') {
      return send(res, 200, 'text/plain; charset=utf-8', 'ok\n');
    }
    if ((method === 'GET' || method === 'HEAD') && path === '/readyz') {
      const ready = options.ready();
      return send(res, ready ? 200 : 503, 'text/plain; charset=utf-8', ready ? 'ready\n' : 'not ready: starting or stopping\n');
    }
    if ((method === 'GET' || method === 'HEAD') && path === '/metrics') {
      options.metrics.text().then(
        (text) => send(res, 200, options.metrics.contentType, text),
        () => send(res, 500, 'text/plain; charset=utf-8', 'metrics unavailable\n'),
      );
      return;
    }
    for (const route of options.routes ?? []) if (route(req, res)) return;
    send(
      res,
      404,
      'text/plain; charset=utf-8',
      'War Room hub: connect with the War Room app or `warroom sync` (see PROTOCOL.md); operators: /healthz, /readyz, /metrics; the public status page: /status\n',
    );
  };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
