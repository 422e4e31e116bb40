import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../../src/ipc/contract.js';
import { EXPORTS, EXPORT_TARGETS } from '../../src/export/export-formats.js';
import { helpLinks, HOMEPAGE } from '../app/help-links.js';

export interface HelpActions {
  openExternal(url: string): void;
  /** Shows the log file (for a bug report). */
  showLogFile(): void;
}

/**
 * The application menu: the usual accelerators, plus the app's own commands, which go to the renderer (it
 * knows which incident is on screen and keeps focus where the person was).
 */
export function buildAppMenu(
  command: (c: AppCommand, arg?: string) => void,
  help: HelpActions,
  isMac = process.platform === 'darwin',
): Menu {
  const item = (label: string, c: AppCommand, accelerator?: string, arg?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => command(c, arg),
  });
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        item('New Incident…', 'new-incident', 'CmdOrCtrl+N'),
        item('All Incidents', 'incident-list', 'CmdOrCtrl+Shift+L'),
        { type: 'separator' },
        item('Join a Room…', 'join-room', 'CmdOrCtrl+J'),
        item('Host This Room…', 'host-room', 'CmdOrCtrl+Shift+H'),
        { type: 'separator' },
        {
          label: 'Export',
          submenu: EXPORT_TARGETS.map((format) => item(EXPORTS[format].menuLabel, 'export', undefined, format)),
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        item('Command Palette…', 'palette', 'CmdOrCtrl+K'),
        item('Quick Entry', 'quick-entry', 'CmdOrCtrl+E'),
        item('Search Timeline', 'search', 'CmdOrCtrl+F'),
        { type: 'separator' },
        item('Timeline', 'view-timeline', 'Alt+1'),
        item('Hypotheses Board', 'view-board', 'Alt+2'),
        item('Customers', 'view-customers', 'Alt+3'),
        item('Drafts', 'view-drafts', 'Alt+4'),
        item('Postmortem', 'view-postmortem', 'Alt+5'),
        { type: 'separator' },
        item('Toggle Light/Dark', 'toggle-theme', 'CmdOrCtrl+Shift+T'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        ...helpLinks(HOMEPAGE).map((l): MenuItemConstructorOptions => ({ label: l.label, click: () => help.openExternal(l.url) })),
        { label: 'Show Log File', click: () => help.showLogFile() },
        // The version and copyright, from app.setAboutPanelOptions (macOS keeps About in the app menu).
        ...(isMac ? [] : [{ type: 'separator' as const }, { role: 'about' as const, label: 'About War Room' }]),
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
