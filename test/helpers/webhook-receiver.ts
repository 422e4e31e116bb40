import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCall {
  headers: IncomingHttpHeaders;
  body: string;
  json: unknown;
}

/** How the receiver answers its n-th call (1-based): a status code, or hold the request open for `hangMs`. */
export type Answer = number | { hangMs: number };

/** A webhook receiver on 127.0.0.1 and a free port, recording every call; `answer` decides each reply. */
export async function startWebhookReceiver(answer: (n: number, call: ReceivedCall) => Answer = () => 200) {
  const calls: ReceivedCall[] = [];
  const held = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        // Kept as text: the test says what it expected.
      }
      const call = { headers: req.headers, body, json };
      calls.push(call);
      const a = answer(calls.length, call);
      if (typeof a === 'number') {
        res.writeHead(a, { 'content-type': 'text/plain' });
        res.end(a < 300 ? 'ok' : 'try again later');
        return;
      }
      held.add(res);
      const t = setTimeout(() => {
        held.delete(res);
        res.writeHead(200).end('ok, late');
      }, a.hangMs);
      res.on('close', () => clearTimeout(t));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of held) r.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
