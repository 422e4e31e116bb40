import type { Server } from 'socket.io';

/** Bytes of socket writes one turn of the event loop makes for a room message; the rest waits for the next turn. */
export const BYTES_PER_TURN = 2 * 1024 * 1024;

interface Job {
  except: string | null;
  event: string;
  payload: unknown;
  bytes: number;
}

interface Encoded {
  packets: unknown[];
  opts: Record<string, unknown>;
}

type Encoder = { _encode?: (packet: unknown, opts: Record<string, unknown>) => unknown[] };
type EngineClient = { client?: { writeToEngine?: (packets: unknown[], opts: Record<string, unknown>) => void } };

/**
 * Live messages to a room, in order, without holding the loop. Socket.IO already encodes a broadcast once (and
 * its WebSocket frame once) and writes that to each socket, but every write is a system call that copies the
 * message into the kernel: a 200 KB event to 200 sockets is 40 MB copied in one turn of the loop (measured:
 * 0.5 s). A message whose writes would cost more than BYTES_PER_TURN is written to as many sockets as fit in
 * one turn, encoded once, and the rest on the next turns; the room's later messages wait behind it, so every
 * socket still gets the room's messages in the order they were sent.
 */
export class RoomSender {
  private readonly queues = new Map<string, Job[]>();

  constructor(
    private readonly io: Server,
    private readonly bytesPerTurn = BYTES_PER_TURN,
  ) {}

  emit(room: string, except: string | null, event: string, payload: unknown, bytes: number): void {
    const queue = this.queues.get(room);
    const job = { except, event, payload, bytes };
    if (queue) {
      queue.push(job);
      return;
    }
    const size = this.io.sockets.adapter.rooms.get(room)?.size ?? 0;
    if (size * Math.max(bytes, 1) <= this.bytesPerTurn) return this.oneGo(room, job);
    this.queues.set(room, [job]);
    this.next(room);
  }

  private oneGo(room: string, { except, event, payload }: Job): void {
    const to = this.io.local.to(room);
    (except === null ? to : to.except(except)).emit(event, payload);
  }

  /** The room's next message, sliced; then the one after it, until the room's queue is empty. */
  private next(room: string): void {
    const queue = this.queues.get(room);
    const job = queue?.shift();
    if (!job) {
      this.queues.delete(room);
      return;
    }
    const targets = [...(this.io.sockets.adapter.rooms.get(room) ?? [])].filter((id) => id !== job.except);
    const perTurn = Math.max(1, Math.floor(this.bytesPerTurn / Math.max(job.bytes, 1)));
    const encoded = this.encode(job);
    const write = (from: number): void => {
      const slice = targets.slice(from, from + perTurn);
      if (encoded) {
        for (const id of slice)
          (this.io.sockets.sockets.get(id) as EngineClient | undefined)?.client?.writeToEngine?.(encoded.packets, encoded.opts);
      } else if (slice.length > 0) this.io.local.to(slice).emit(job.event, job.payload);
      if (from + perTurn < targets.length) setImmediate(write, from + perTurn);
      else setImmediate(() => this.next(room));
    };
    write(0);
  }

  /** The message encoded once, as Socket.IO's own broadcast does (its adapter's encoder); null if it has none. */
  private encode(job: Job): Encoded | null {
    const adapter = this.io.sockets.adapter as unknown as Encoder;
    if (typeof adapter._encode !== 'function') return null;
    const opts: Record<string, unknown> = { preEncoded: true };
    try {
      return { packets: adapter._encode({ type: 2, data: [job.event, job.payload], nsp: '/' }, opts), opts };
    } catch {
      return null;
    }
  }
}
