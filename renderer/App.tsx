import { useEffect } from 'react';
import { boot, connectEvents } from './state/actions.js';
import { useWarRoom } from './state/store.js';
import { selectCurrent } from './state/selectors.js';
import { useThemeEffect } from './hooks/use-theme.js';
import { useGlobalShortcuts } from './hooks/use-global-shortcuts.js';
import { IncidentListScreen } from './incident-list/IncidentListScreen.js';
import { IncidentScreen } from './IncidentScreen.js';
import { CommandPalette } from './palette/CommandPalette.js';
import { Dialogs } from './dialogs/Dialogs.js';
import { ExportProgressNotice } from './notices/ExportProgressNotice.js';

export function App() {
  useThemeEffect();
  useGlobalShortcuts();
  useEffect(() => {
    const off = connectEvents();
    void boot();
    return off;
  }, []);
  useFocusKeeper();
  const current = useWarRoom(selectCurrent);
  return (
    <>
      {current ? <IncidentScreen /> : <IncidentListScreen />}
      <CommandPalette />
      <Dialogs />
      <ExportProgressNotice />
    </>
  );
}

/**
 * Focus never gets lost: when the focused element disappears (a card moved, a dialog closed, a view
 * switched), focus lands on the body; put it back somewhere useful instead of making the person Tab again.
 */
function useFocusKeeper(): void {
  useEffect(() => {
    const rescue = (): void => {
      setTimeout(() => {
        if (document.activeElement !== document.body && document.activeElement !== null) return;
        if (document.querySelector('dialog[open]')) return;
        const s = useWarRoom.getState();
        s.requestFocus(s.current ? 'quick-entry' : 'incident-list', { onlyIfLost: true });
      }, 50);
    };
    document.addEventListener('focusout', rescue);
    return () => document.removeEventListener('focusout', rescue);
  }, []);
}
