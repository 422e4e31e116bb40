import { availableParallelism } from 'node:os';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { verifySignature } from './event-signature.js';

/** One Ed25519 signature to check: the author's public key (base64url), the signed text, the signature. */
export interface SignatureItem {
  key: string;
  text: string;
  sig: string;
}

/** Fewer than this are verified inline: a worker's message round trip and start-up would cost more. */
export const POOL_MIN = 64;
/** Signatures per message to a worker, and per turn of the main thread's own share (~60-100 us each). */
const CHUNK = 32;
/** Workers stop after this long without work (a catch-up comes in bursts; an idle app holds no threads). */
const IDLE_MS = 10_000;

/**
 * The worker: the same check as verifySignature (JWK import of the raw key, kept; Ed25519 verify; false on
 * any error). Code as text, so it runs the same from source (tsx, vitest), from the CLI bundle and in the app.
 */
const WORKER_CODE = `
Promise.all([import('node:worker_threads'), import('node:crypto')]).then(([{ parentPort }, { createPublicKey, verify }]) => {
  const keys = new Map();
  const keyOf = (x) => {
    let k = keys.get(x);
    if (k === undefined) {
      try { k = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' }); } catch { k = null; }
      if (keys.size >= 10000) keys.clear();
      keys.set(x, k);
    }
    return k;
  };
  parentPort.on('message', (items) => {
    const valid = new Uint8Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const { key, text, sig } = items[i];
      const k = keyOf(key);
      try { valid[i] = k !== null && verify(null, Buffer.from(text), k, Buffer.from(sig, 'base64url')) ? 1 : 0; } catch { valid[i] = 0; }
    }
    parentPort.postMessage({ valid }, [valid.buffer]);
  });
});
`;

interface Job {
  items: readonly SignatureItem[];
  done(valid: Uint8Array | null): void;
}

/**
 * Threads that verify signatures beside the main thread, for the batches where many are left after the
 * chain check (a catch-up of many origins, `warroom verify` of a long log). availableParallelism() - 1 of
 * them, so with the main thread's own share every core works; made on first use, stopped when idle.
 */
class SignaturePool {
  private workers: { worker: Worker; busy: Job | null }[] = [];
  private readonly queue: Job[] = [];
  private idleTimer: NodeJS.Timeout | null = null;
  private broken = false;
  /** Runs in progress: the pool stops only when none is. */
  private active = 0;

  get threads(): number {
    return this.workers.length;
  }

  /** The jobs the main thread takes itself come from the same queue: whoever is free takes the next. */
  async run(items: readonly SignatureItem[]): Promise<boolean[]> {
    const valid: boolean[] = new Array<boolean>(items.length).fill(false);
    const pending: Promise<void>[] = [];
    for (let from = 0; from < items.length; from += CHUNK) {
      const chunk = items.slice(from, from + CHUNK);
      pending.push(
        new Promise<void>((resolve) =>
          this.queue.push({
            items: chunk,
            done: (answers) => {
              // A worker that failed hands its chunk back unanswered: checked here instead.
              chunk.forEach((x, i) => (valid[from + i] = answers ? answers[i] === 1 : verifySignature(x.key, x.text, x.sig, false)));
              resolve();
            },
          }),
        ),
      );
    }
    this.active++;
    try {
      this.start();
      this.dispatch();
      for (let job = this.queue.shift(); job; job = this.queue.shift()) {
        job.done(null);
        this.dispatch();
        await yieldToLoop();
      }
      await Promise.all(pending);
    } finally {
      if (--this.active === 0) this.armIdleTimer();
    }
    return valid;
  }

  private start(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const wanted = this.broken ? 0 : Math.max(1, availableParallelism() - 1);
    while (this.workers.length < wanted) {
      // execArgv: [] so the thread does not load what the main process was started with (tsx, a profiler).
      const worker = new Worker(WORKER_CODE, { eval: true, execArgv: [] });
      const slot: { worker: Worker; busy: Job | null } = { worker, busy: null };
      worker.on('message', (m: { valid: Uint8Array }) => {
        const job = slot.busy;
        slot.busy = null;
        worker.unref();
        job?.done(m.valid);
        this.dispatch();
      });
      worker.on('error', () => this.drop(slot));
      worker.on('exit', () => this.drop(slot));
      worker.unref();
      this.workers.push(slot);
    }
  }

  private dispatch(): void {
    for (const slot of this.workers) {
      if (slot.busy || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      slot.busy = job;
      // Referenced while it works, so a process waiting only for these answers (the CLI) stays alive.
      slot.worker.ref();
      slot.worker.postMessage(job.items);
    }
  }

  /** A worker that died: its job is checked on the main thread; no more workers if they cannot run here. */
  private drop(slot: { worker: Worker; busy: Job | null }): void {
    const at = this.workers.indexOf(slot);
    if (at < 0) return;
    this.workers.splice(at, 1);
    this.broken = true;
    const job = slot.busy;
    slot.busy = null;
    job?.done(null);
  }

  private armIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.stop(), IDLE_MS);
    this.idleTimer.unref();
  }

  /** Stops the threads (they are idle: see run). */
  async stop(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.active > 0) return;
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}

const pool = new SignaturePool();

/** Threads the pool runs now (for tests: a big batch starts them, idleness stops them). */
export const signatureThreads = (): number => pool.threads;

/**
 * Verifies signatures: inline when there are few (remembered: a room hosted in this process has checked a
 * relayed event already), spread over the pool and the main thread when many.
 */
export async function verifySignatures(items: readonly SignatureItem[]): Promise<boolean[]> {
  if (items.length < POOL_MIN) return items.map((x) => verifySignature(x.key, x.text, x.sig));
  return pool.run(items);
}
