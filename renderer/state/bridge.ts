import type { EventChannel, EventPayloads, InvokeChannel, PayloadOf, ResultOf, WarroomBridge } from '../../src/ipc/contract.js';
import { fail, type Result } from '../../src/model/result.js';

/**
 * The renderer's only contact with main: `window.warroom`, put there by the preload (in tests, by the e2e
 * fixture). Everything else in the renderer goes through these two typed functions.
 */
declare global {
  interface Window {
    warroom?: WarroomBridge;
  }
}

const door = (): WarroomBridge | undefined => (typeof window === 'undefined' ? undefined : window.warroom);

export async function invoke<C extends InvokeChannel>(channel: C, payload: PayloadOf<C>): Promise<Result<ResultOf<C>>> {
  const bridge = door();
  if (!bridge) return fail('this window is not connected to War Room (no window.warroom): restart the app');
  try {
    const answer = await bridge.invoke(channel, payload);
    if (answer && typeof answer === 'object' && 'ok' in answer) return answer as Result<ResultOf<C>>;
    return fail(`${channel}: main sent an answer this window cannot read`);
  } catch (e) {
    return fail(`${channel} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function on<E extends EventChannel>(channel: E, listener: (payload: EventPayloads[E]) => void): () => void {
  const bridge = door();
  if (!bridge) return () => undefined;
  return bridge.on(channel, (payload) => listener(payload as EventPayloads[E]));
}

export const isConnected = (): boolean => door() !== undefined;
