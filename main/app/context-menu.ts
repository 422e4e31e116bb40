/**
 * What a right-click offers, worked out from what Electron reports about the click (its context-menu
 * params), without Electron: spelling suggestions for a misspelt word, then cut/copy/paste as the field
 * allows. main/electron/context-menu.ts turns these into a native menu.
 */
export interface ContextClick {
  isEditable: boolean;
  selectionText: string;
  misspelledWord: string;
  dictionarySuggestions: string[];
  editFlags: { canCut: boolean; canCopy: boolean; canPaste: boolean; canSelectAll: boolean };
}

export type ContextItem =
  | { kind: 'replace'; label: string; word: string }
  | { kind: 'add-to-dictionary'; label: string; word: string }
  | { kind: 'role'; label: string; role: 'cut' | 'copy' | 'paste' | 'selectAll'; enabled: boolean }
  | { kind: 'note'; label: string }
  | { kind: 'separator' };

const MAX_SUGGESTIONS = 5;

export function contextMenuItems(click: ContextClick): ContextItem[] {
  const items: ContextItem[] = [];
  if (click.isEditable && click.misspelledWord) {
    const suggestions = click.dictionarySuggestions.slice(0, MAX_SUGGESTIONS);
    if (suggestions.length === 0) items.push({ kind: 'note', label: 'No spelling suggestions' });
    for (const word of suggestions) items.push({ kind: 'replace', label: word, word });
    items.push({ kind: 'add-to-dictionary', label: `Add "${click.misspelledWord}" to Dictionary`, word: click.misspelledWord });
    items.push({ kind: 'separator' });
  }
  const hasSelection = click.selectionText.trim() !== '';
  if (click.isEditable) {
    items.push({ kind: 'role', label: 'Cut', role: 'cut', enabled: click.editFlags.canCut && hasSelection });
    items.push({ kind: 'role', label: 'Copy', role: 'copy', enabled: click.editFlags.canCopy && hasSelection });
    items.push({ kind: 'role', label: 'Paste', role: 'paste', enabled: click.editFlags.canPaste });
    items.push({ kind: 'separator' });
    items.push({ kind: 'role', label: 'Select All', role: 'selectAll', enabled: click.editFlags.canSelectAll });
  } else if (hasSelection) {
    items.push({ kind: 'role', label: 'Copy', role: 'copy', enabled: true });
  }
  return items;
}
