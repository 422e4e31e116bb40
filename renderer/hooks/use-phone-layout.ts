import { useSyncExternalStore } from 'react';

/**
 * The phone-size layout: a phone (390 px wide), or the desktop window at its narrowest (720 px). Keep equal to
 * the media queries in styles/phone.css, which do the rest: this only says when the window stacks the catch-up
 * above the timeline instead of offering it as a view of its own.
 */
export const PHONE_QUERY = '(max-width: 720px)';

const query = (): MediaQueryList | null => (typeof window === 'undefined' || !window.matchMedia ? null : window.matchMedia(PHONE_QUERY));

function subscribe(onChange: () => void): () => void {
  const q = query();
  q?.addEventListener('change', onChange);
  return () => q?.removeEventListener('change', onChange);
}

export function usePhoneLayout(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => query()?.matches ?? false,
    () => false,
  );
}
