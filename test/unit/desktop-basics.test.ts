import { describe, expect, it } from 'vitest';
import { contextMenuItems } from '../../main/app/context-menu.js';
import { RendererRecovery } from '../../main/app/renderer-recovery.js';
import { trayMenuItems } from '../../main/app/tray-menu.js';
import { updateFeedConfigured } from '../../main/app/update-policy.js';

const flags = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true };

describe('right-click menu', () => {
  it('offers spelling suggestions for a misspelt word in a field, then cut/copy/paste', () => {
    const items = contextMenuItems({
      isEditable: true,
      selectionText: 'replcia',
      misspelledWord: 'replcia',
      dictionarySuggestions: ['replica', 'replicas'],
      editFlags: flags,
    });
    expect(items.map((i) => ('label' in i ? i.label : '---'))).toEqual([
      'replica',
      'replicas',
      'Add "replcia" to Dictionary',
      '---',
      'Cut',
      'Copy',
      'Paste',
      '---',
      'Select All',
    ]);
    expect(items[0]).toEqual({ kind: 'replace', label: 'replica', word: 'replica' });
  });

  it('says so when there is no suggestion, disables cut/copy without a selection, and offers only copy on page text', () => {
    const field = contextMenuItems({
      isEditable: true,
      selectionText: '',
      misspelledWord: 'zzqx',
      dictionarySuggestions: [],
      editFlags: flags,
    });
    expect(field[0]).toEqual({ kind: 'note', label: 'No spelling suggestions' });
    expect(field.filter((i) => i.kind === 'role').map((i) => i.kind === 'role' && [i.role, i.enabled])).toEqual([
      ['cut', false],
      ['copy', false],
      ['paste', true],
      ['selectAll', true],
    ]);
    expect(
      contextMenuItems({
        isEditable: false,
        selectionText: 'replica lag',
        misspelledWord: '',
        dictionarySuggestions: [],
        editFlags: flags,
      }),
    ).toEqual([{ kind: 'role', label: 'Copy', role: 'copy', enabled: true }]);
    expect(
      contextMenuItems({ isEditable: false, selectionText: '', misspelledWord: '', dictionarySuggestions: [], editFlags: flags }),
    ).toEqual([]);
  });
});

describe('renderer crash recovery', () => {
  it('reloads and brings the person back to the incident they had open; stops looping after repeated crashes', () => {
    let now = 0;
    const r = new RendererRecovery({ now: () => now, maxCrashes: 3, windowMs: 60_000 });
    r.remember('inc_abcdef1234');
    expect(r.onGone({ reason: 'clean-exit', exitCode: 0 })).toEqual({ action: 'none' });
    for (let i = 0; i < 3; i++) {
      now += 1_000;
      expect(r.onGone({ reason: 'crashed', exitCode: 139 })).toEqual({ action: 'reload', reopen: 'inc_abcdef1234' });
    }
    now += 1_000;
    expect(r.onGone({ reason: 'oom', exitCode: 1 })).toMatchObject({
      action: 'give-up',
      message: expect.stringContaining('saved is on disk'),
    });
    now += 120_000;
    expect(r.onGone({ reason: 'crashed', exitCode: 139 }).action).toBe('reload');
  });
});

describe('tray menu and update feed', () => {
  it('shows the unsynced count and the everyday actions', () => {
    expect(trayMenuItems(3).map((i) => ('label' in i ? i.label : '---'))).toEqual([
      'Show War Room',
      'New Incident…',
      'Join a Room…',
      '---',
      '3 not yet synced',
      '---',
      'Quit War Room',
    ]);
    expect(trayMenuItems(0)).toContainEqual({ kind: 'status', label: 'Everything synced' });
  });

  it('checks for updates only in a packaged build made with a feed', () => {
    expect(updateFeedConfigured(true, '/opt/War Room/resources', (p) => p === '/opt/War Room/resources/app-update.yml')).toBe(true);
    expect(updateFeedConfigured(true, '/opt/War Room/resources', () => false)).toBe(false);
    expect(updateFeedConfigured(false, '/opt/War Room/resources', () => true)).toBe(false);
  });
});
