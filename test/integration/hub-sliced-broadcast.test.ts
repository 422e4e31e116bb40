import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { emitInSlices } from '../../main/hub/sliced-broadcast.js';

let server: Server | null = null;
const clients: Socket[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** A bare socket.io server with `n` clients in room "r"; returns the server-side socket ids in join order. */
async function room(n: number): Promise<{ io: Server; ids: string[]; received: string[][] }> {
  const http = createServer();
  const io = new Server(http);
  server = io;
  const ids: string[] = [];
  io.on('connection', (s) => {
    void s.join('r');
    ids.push(s.id);
    s.emit('joined');
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const received: string[][] = [];
  for (let i = 0; i < n; i++) {
    const c = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    clients.push(c);
    const got: string[] = [];
    received.push(got);
    c.on('presence', (m: { n: number }) => got.push(`presence ${m.n}`));
    await new Promise<void>((resolve) => c.once('joined', () => resolve()));
  }
  return { io, ids, received };
}

describe('presence sent in slices', () => {
  it('reaches everyone in the room but those excepted, exactly once each, in order, across several turns', async () => {
    const { io, ids, received } = await room(7);
    // Slices of 2: four turns of the loop for seven sockets.
    emitInSlices(io, 'r', [ids[2]!], 'presence', { n: 1 }, 2);
    emitInSlices(io, 'r', [], 'presence', { n: 2 }, 2);
    await new Promise((r) => setTimeout(r, 300));
    received.forEach((got, i) => expect(got, `client ${i}`).toEqual(i === 2 ? ['presence 2'] : ['presence 1', 'presence 2']));
  });

  it('is a no-op for a room nobody is in', async () => {
    const { io, received } = await room(1);
    emitInSlices(io, 'nobody-here', [], 'presence', { n: 1 });
    await new Promise((r) => setTimeout(r, 100));
    expect(received[0]).toEqual([]);
  });
});
