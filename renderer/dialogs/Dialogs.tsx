import { useWarRoom } from '../state/store.js';
import { selectDialog } from '../state/selectors.js';
import { NewIncidentDialog } from './NewIncidentDialog.js';
import { JoinRoomDialog } from './JoinRoomDialog.js';
import { HostRoomDialog } from './HostRoomDialog.js';
import { ImportCustomersDialog } from '../customers/ImportCustomersDialog.js';
import { ExportDialog } from './ExportDialog.js';
import { ShortcutsDialog } from './ShortcutsDialog.js';
import { SettingsDialog } from './SettingsDialog.js';
import { ResolveDialog, RowActionDialog, SeverityDialog } from './IncidentDialogs.js';
import { RenameDialog, StatusStatementDialog } from './StatementDialogs.js';

/** At most one dialog at a time, named in the store so the menu, shortcuts and palette can open any of them. */
export function Dialogs() {
  const dialog = useWarRoom(selectDialog);
  switch (dialog) {
    case 'new-incident':
      return <NewIncidentDialog />;
    case 'join-room':
      return <JoinRoomDialog />;
    case 'host-room':
      return <HostRoomDialog />;
    case 'import-customers':
      return <ImportCustomersDialog />;
    case 'export':
      return <ExportDialog />;
    case 'shortcuts':
      return <ShortcutsDialog />;
    case 'settings':
      return <SettingsDialog />;
    case 'status-statement':
      return useWarRoom.getState().incidentState ? <StatusStatementDialog key={useWarRoom.getState().dialogArg} /> : null;
    case 'rename':
      return useWarRoom.getState().incidentState ? <RenameDialog /> : null;
    case 'severity':
      return useWarRoom.getState().incidentState ? <SeverityDialog /> : null;
    case 'resolve':
      return useWarRoom.getState().incidentState ? <ResolveDialog /> : null;
    case 'row-action':
      return useWarRoom.getState().incidentState ? <RowActionDialog key={useWarRoom.getState().dialogArg} /> : null;
    default:
      return null;
  }
}
