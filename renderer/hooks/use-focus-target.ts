import { useEffect, type RefObject } from 'react';
import { useWarRoom } from '../state/store.js';

/** Focuses the element when something asks for `target` (a shortcut, the palette, a finished action). */
export function useFocusTarget(target: string, ref: RefObject<HTMLElement | null>): void {
  // Only requests for this target: a request for another element does not render this component again.
  const focus = useWarRoom((s) => (s.focus?.target === target ? s.focus : null));
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
