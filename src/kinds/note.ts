import { z } from 'zod';
import type { Note } from '../model/incident-state.js';
import { defineKind, noCheck } from './define.js';
import { newEntryBase } from './entry-steps.js';
import { text } from './fields.js';
import { noteAuthor } from './rule-steps.js';

export const noteKinds = {
  'note.added': defineKind({
    schema: z.strictObject({ text }),
    check: noCheck,
    fold(state, e, row, rows) {
      if (Object.hasOwn(state.entries, e.id)) return;
      const entry: Note = { kind: 'note', ...newEntryBase(e) };
      state.notes.push(e.id);
      state.entries[e.id] = entry;
      row.entryKind = 'note';
      row.text = entry.text;
      rows.set(e.id, row);
    },
    label: 'Note',
    timeline: { label: 'Note' },
    note: noteAuthor,
    moment: () => ({ count: 'notes' }),
  }),
};
