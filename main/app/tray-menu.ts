import type { AppCommand } from '../../src/ipc/contract.js';

/** The tray's menu (Linux shows no tray icon without one): what the app can do without its window in front. */
export type TrayItem =
  | { kind: 'show'; label: string }
  | { kind: 'command'; label: string; command: AppCommand }
  | { kind: 'status'; label: string }
  | { kind: 'quit'; label: string }
  | { kind: 'separator' };

export function trayMenuItems(unsynced: number): TrayItem[] {
  return [
    { kind: 'show', label: 'Show War Room' },
    { kind: 'command', label: 'New Incident…', command: 'new-incident' },
    { kind: 'command', label: 'Join a Room…', command: 'join-room' },
    { kind: 'separator' },
    { kind: 'status', label: unsynced > 0 ? `${unsynced} not yet synced` : 'Everything synced' },
    { kind: 'separator' },
    { kind: 'quit', label: 'Quit War Room' },
  ];
}
