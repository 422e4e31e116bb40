import type { Server, Socket } from 'socket.io';

/**
 * Drops connections that stop reading. Whatever the hub sends to a peer that does not read piles up in
 * memory (socket.io's write buffer, then the WebSocket's); past `limitBytes` the peer is disconnected, so a
 * thousand stalled peers cannot make the hub hold gigabytes. Checked a few times a second, off the send path.
 */
export function watchSlowReaders<S extends Server>(
  io: S,
  limitBytes: number,
  onDrop: (socket: Socket, bytes: number) => void,
  everyMs = 250,
): () => void {
  const timer = setInterval(() => {
    for (const socket of io.sockets.sockets.values()) {
      const bytes = queuedBytes(socket);
      if (bytes > limitBytes) {
        onDrop(socket, bytes);
        // Cut the connection: a polite close would only join the queue it does not read, and keep its memory.
        const ws = (socket.conn as unknown as { transport?: { socket?: { terminate?: () => void } } }).transport?.socket;
        ws?.terminate?.();
        socket.conn.close();
      }
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

function queuedBytes(socket: Socket): number {
  const conn = socket.conn as unknown as { writeBuffer?: { data?: unknown }[]; transport?: { socket?: { bufferedAmount?: number } } };
  let bytes = conn.transport?.socket?.bufferedAmount ?? 0;
  for (const packet of conn.writeBuffer ?? []) {
    const d = packet.data;
    bytes += typeof d === 'string' ? d.length : d instanceof Uint8Array ? d.byteLength : 0;
  }
  return bytes;
}
