import type { Server, Socket } from 'socket.io';

export interface SendLimits {
  /** Bytes queued for one peer before it is dropped. */
  perSocket: number;
  /** Bytes queued for all peers together: past it, the peers with the most queued are dropped first. */
  total: number;
}

/**
 * Drops connections that stop reading. Whatever the hub sends to a peer that does not read piles up in
 * memory (socket.io's write buffer, then the WebSocket's); past `limits.perSocket` the peer is disconnected,
 * and past `limits.total` for everyone together the peers with the longest queues go first, so a thousand
 * stalled peers cannot make the hub hold gigabytes. Checked a few times a second, off the send path, and
 * before a large message is relayed (`readersWithRoomFor`).
 */
export function watchSlowReaders<S extends Server>(
  io: S,
  limits: SendLimits,
  onDrop: (socket: Socket, bytes: number) => void,
  everyMs = 250,
): { stop(): void; queued(): number } {
  let lastTotal = 0;
  const timer = setInterval(() => {
    const queues: [Socket, number][] = [];
    let total = 0;
    for (const socket of io.sockets.sockets.values()) {
      const bytes = queuedBytes(socket);
      if (bytes > limits.perSocket) dropReader(socket, bytes, onDrop);
      else if (bytes > 0) {
        queues.push([socket, bytes]);
        total += bytes;
      }
    }
    if (total > limits.total) {
      queues.sort((a, b) => b[1] - a[1]);
      for (const [socket, bytes] of queues) {
        if (total <= limits.total) break;
        dropReader(socket, bytes, onDrop);
        total -= bytes;
      }
    }
    lastTotal = total;
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer), queued: () => lastTotal };
}

/**
 * Before a message of `bytes` goes to a room: drops the sockets in it that have no room left for it, so a
 * large event never queues behind a reader that will not take it. For large messages only (a small one waits
 * for the next sweep); a few microseconds per socket.
 */
export function dropReadersWithoutRoom(
  io: Server,
  room: string,
  bytes: number,
  limitBytes: number,
  onDrop: (socket: Socket, bytes: number) => void,
): void {
  const ids = io.sockets.adapter.rooms.get(room);
  if (!ids) return;
  for (const id of ids) {
    const socket = io.sockets.sockets.get(id);
    if (!socket) continue;
    const queued = queuedBytes(socket);
    if (queued > 0 && queued + bytes > limitBytes) dropReader(socket, queued, onDrop);
  }
}

/** Cuts a peer that does not read, saying so first. */
export function dropReader(socket: Socket, bytes: number, onDrop: (socket: Socket, bytes: number) => void): void {
  onDrop(socket, bytes);
  // Cut the connection: a polite close would only join the queue it does not read, and keep its memory.
  const ws = (socket.conn as unknown as { transport?: { socket?: { terminate?: () => void } } }).transport?.socket;
  ws?.terminate?.();
  socket.conn.close();
}

/** What is queued for a peer and not yet handed to the kernel: socket.io's write buffer and the WebSocket's. */
export function queuedBytes(socket: Socket): number {
  const conn = socket.conn as unknown as { writeBuffer?: { data?: unknown }[]; transport?: { socket?: { bufferedAmount?: number } } };
  let bytes = conn.transport?.socket?.bufferedAmount ?? 0;
  for (const packet of conn.writeBuffer ?? []) {
    const d = packet.data;
    bytes += typeof d === 'string' ? d.length : d instanceof Uint8Array ? d.byteLength : 0;
  }
  return bytes;
}
