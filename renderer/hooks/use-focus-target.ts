import { useEffect, type RefObject } from 'react';
import { useWarRoom } from '../state/store.js';
import { selectFocus } from '../state/selectors.js';

/** Focuses the element when something asks for `target` (a shortcut, the palette, a finished action). */
export function useFocusTarget(target: string, ref: RefObject<HTMLElement | null>): void {
  const focus = useWarRoom(selectFocus);
  useEffect(() => {
    if (focus?.target !== target) return;
    // After the render that may have just shown the element.
    const id = requestAnimationFrame(() => {
      const lost = document.activeElement === document.body || document.activeElement === null;
      if (!focus.onlyIfLost || lost) ref.current?.focus();
    });
    return () => cancelAnimationFrame(id);
  }, [focus, target, ref]);
}
