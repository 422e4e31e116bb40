/** Resolves on the first SIGINT or SIGTERM; dispose() removes the handlers. */
export function untilSignal(): { done: Promise<NodeJS.Signals>; dispose(): void } {
  let handler: (s: NodeJS.Signals) => void = () => undefined;
  const done = new Promise<NodeJS.Signals>((resolve) => (handler = resolve));
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return {
    done,
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
