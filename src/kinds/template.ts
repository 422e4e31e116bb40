import { z } from 'zod';
import { TEMPLATE_KEYS } from '../model/vocabulary.js';
import { defineKind, noCheck } from './define.js';
import { text } from './fields.js';

export const templateKinds = {
  'template.saved': defineKind({
    schema: z.strictObject({ key: z.enum(TEMPLATE_KEYS), body: text }),
    check: noCheck,
    fold(state, e, row) {
      state.templates[e.data.key] = e.data.body;
      row.text = `template "${e.data.key}" saved`;
    },
    label: 'Template saved',
    timeline: { label: 'Template' },
  }),
};
