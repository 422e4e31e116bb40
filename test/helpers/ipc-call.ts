import type { ResultOf } from '../../src/ipc/contract.js';
import type { Result } from '../../src/model/result.js';
import type { IpcHandlerTable } from '../../main/ipc/handlers.js';

/** Calls one channel of the real IPC handler table, typed by the contract. */
export async function call<C extends keyof IpcHandlerTable>(
  t: IpcHandlerTable,
  channel: C,
  payload: unknown,
): Promise<Result<ResultOf<C>>> {
  return (await t[channel](payload)) as Result<ResultOf<C>>;
}

/** The value of an ok Result; a failed one fails the test with its reason. */
export function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
