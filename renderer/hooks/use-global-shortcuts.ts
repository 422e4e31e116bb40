import { useEffect } from 'react';
import { runCommand } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';
import { shortcutFor } from '../lib/shortcuts.js';

const isTyping = (el: Element | null): boolean =>
  el instanceof HTMLInputElement ||
  el instanceof HTMLTextAreaElement ||
  el instanceof HTMLSelectElement ||
  (el instanceof HTMLElement && el.isContentEditable);

/** Listens for the app's keyboard shortcuts on the whole window. */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented) return;
      const command = shortcutFor(e, isTyping(document.activeElement));
      if (!command) return;
      // With a dialog open, only the palette shortcut stays live (it closes nothing, it is a dialog itself).
      const { dialog, paletteOpen } = useWarRoom.getState();
      if ((dialog || paletteOpen) && command !== 'palette') return;
      e.preventDefault();
      if (command === 'shortcuts') useWarRoom.getState().openDialog('shortcuts');
      else runCommand(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
