import type { AppCommand } from '../../src/ipc/contract.js';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/**
 * Shortcuts that work everywhere (the app menu has the same accelerators; these make the browser build and
 * the tests behave the same). Modifier shortcuts work while typing; single keys only when not typing.
 */
export function shortcutFor(e: KeyPress, typing: boolean): AppCommand | 'shortcuts' | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && !e.altKey) {
    if (key === 'k') return 'palette';
    if (key === 'e') return 'quick-entry';
    if (key === 'f') return 'search';
    if (key === 'n' && !e.shiftKey) return 'new-incident';
    if (key === 'j') return 'join-room';
    if (key === 't' && e.shiftKey) return 'toggle-theme';
    return null;
  }
  if (e.altKey && !mod) {
    const views: Record<string, AppCommand> = {
      '1': 'view-timeline',
      '2': 'view-board',
      '3': 'view-customers',
      '4': 'view-drafts',
      '5': 'view-postmortem',
    };
    return views[e.key] ?? null;
  }
  if (!typing && !mod && !e.altKey) {
    if (e.key === '?') return 'shortcuts';
    if (e.key === '/') return 'search';
  }
  return null;
}
