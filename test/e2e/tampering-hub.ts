import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';

/** A hub in the middle: what a hostile proxy or a compromised hub would do to the room's traffic. */
export interface TamperingHub {
  /** http://127.0.0.1:<port>: the web view and the socket, both passed on to the real hub. */
  url: string;
  /** How many messages from the hub it altered. */
  altered(): number;
  close(): Promise<void>;
}

/**
 * Stands between a browser and a real hub: serves the hub's pages as they are, and passes the socket's
 * messages both ways, but replaces `from` with `to` in every message from the hub (live events as text, catch-up
 * pages as bytes). `from` and `to` have the same length, so every message still parses: only a signature check
 * can tell.
 */
export async function startTamperingHub(hubUrl: string, from: string, to: string): Promise<TamperingHub> {
  if (Buffer.byteLength(from) !== Buffer.byteLength(to)) throw new Error('the replacement must keep the length');
  const hub = new URL(hubUrl);
  let altered = 0;
  const server: Server = createServer((req, res) => {
    const upstream = request({ host: hub.hostname, port: hub.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  const sockets = new WebSocketServer({ server });
  sockets.on('connection', (browser, req) => {
    const upstream = new WebSocket(`ws://${hub.host}${req.url ?? '/'}`);
    const waiting: [RawData, boolean][] = [];
    browser.on('message', (data, binary) => {
      if (upstream.readyState === WebSocket.OPEN) upstream.send(data, { binary });
      else waiting.push([data, binary]);
    });
    upstream.on('open', () => {
      for (const [data, binary] of waiting.splice(0)) upstream.send(data, { binary });
    });
    upstream.on('message', (data, binary) => {
      const bytes = Buffer.isBuffer(data) ? data : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]);
      const changed = replaceAll(bytes, from, to);
      if (changed) altered++;
      browser.send(changed ?? bytes, { binary });
    });
    upstream.on('close', () => browser.close());
    upstream.on('error', () => browser.terminate());
    browser.on('close', () => upstream.close());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    altered: () => altered,
    close: async () => {
      for (const c of sockets.clients) c.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function replaceAll(bytes: Buffer, from: string, to: string): Buffer | null {
  let at = bytes.indexOf(from);
  if (at < 0) return null;
  const out = Buffer.from(bytes);
  while (at >= 0) {
    out.write(to, at);
    at = out.indexOf(from, at + 1);
  }
  return out;
}
