import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { AppCommand, ExportTarget } from '../../src/ipc/contract.js';

/**
 * The application menu: the usual accelerators, plus the app's own commands, which go to the renderer (it
 * knows which incident is on screen and keeps focus where the person was).
 */
export function buildAppMenu(command: (c: AppCommand, arg?: string) => void, isMac = process.platform === 'darwin'): Menu {
  const item = (label: string, c: AppCommand, accelerator?: string, arg?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => command(c, arg),
  });
  const exportItem = (label: string, format: ExportTarget): MenuItemConstructorOptions => item(label, 'export', undefined, format);
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
          submenu: [
            exportItem('Markdown Postmortem…', 'md'),
            exportItem('JSON (lossless)…', 'json'),
            exportItem('CSV Timeline…', 'csv'),
            exportItem('HTML Report…', 'html'),
            exportItem('PDF Report…', 'pdf'),
          ],
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
  ];
  return Menu.buildFromTemplate(template);
}
