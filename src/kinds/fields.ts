import { z } from 'zod';
import { ID_PATTERN } from '../model/ids.js';
import { IMPACT_LEVELS, LIMITS } from '../model/vocabulary.js';

// The field schemas kinds are made of. Every kind's schema is strict: unknown keys are refused, so a peer
// cannot smuggle data through.
export const text = z.string().trim().min(1, 'must not be empty').max(LIMITS.text);
export const title = z.string().trim().min(1, 'must not be empty').max(LIMITS.title);
export const name = z.string().trim().min(1, 'must not be empty').max(LIMITS.name);
export const optionalText = z.string().trim().max(LIMITS.text).optional();
export const entryRef = z.string().regex(ID_PATTERN, 'is not a valid id');
export const epochMs = z.int().min(0).max(8.64e15);

/** What is known about one affected customer: the impact events and the customer import share it. */
export const impactFields = {
  customer: name,
  segment: z.string().trim().max(LIMITS.name).optional(),
  level: z.enum(IMPACT_LEVELS),
  contact: z.string().trim().max(LIMITS.title).optional(),
  contactVerified: z.boolean().optional(),
  notifiedAt: epochMs.nullable().optional(),
  acknowledged: z.boolean().optional(),
  resolved: z.boolean().optional(),
  credit: z.string().trim().max(LIMITS.title).optional(),
  note: z.string().trim().max(LIMITS.text).optional(),
};
