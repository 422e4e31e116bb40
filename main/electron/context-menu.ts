import { Menu, type MenuItemConstructorOptions, type WebContents } from 'electron';
import { contextMenuItems, type ContextItem } from '../app/context-menu.js';

/** Right-click in the window: spelling suggestions and cut/copy/paste (main/app/context-menu.ts decides which). */
export function attachContextMenu(contents: WebContents): void {
  contents.on('context-menu', (_event, params) => {
    const items = contextMenuItems(params);
    if (items.length === 0) return;
    const toItem = (item: ContextItem): MenuItemConstructorOptions => {
      switch (item.kind) {
        case 'replace':
          return { label: item.label, click: () => contents.replaceMisspelling(item.word) };
        case 'add-to-dictionary':
          return { label: item.label, click: () => contents.session.addWordToSpellCheckerDictionary(item.word) };
        case 'role':
          return { label: item.label, role: item.role, enabled: item.enabled };
        case 'note':
          return { label: item.label, enabled: false };
        case 'separator':
          return { type: 'separator' };
      }
    };
    Menu.buildFromTemplate(items.map(toItem)).popup();
  });
}
