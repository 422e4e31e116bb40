import { z } from 'zod';
import { newActorId } from '../../src/model/ids.js';
import { LIMITS } from '../../src/model/vocabulary.js';

/** The subset of electron-store / conf that preferences need: injected, so plain Node and tests can use conf. */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export const preferencesSchema = z.object({
  displayName: z.string().trim().max(LIMITS.name).default(''),
  actorId: z
    .string()
    .regex(/^u_[0-9a-z]{6,32}$/)
    .optional(),
  hubUrl: z.string().max(2048).default(''),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  clock: z.enum(['system', '24h', '12h']).default('system'),
});
export type Preferences = z.output<typeof preferencesSchema>;
export type PreferencesPatch = Partial<z.input<typeof preferencesSchema>>;

const KEYS = Object.keys(preferencesSchema.shape) as (keyof Preferences)[];

/** Reads preferences leniently (a bad value falls back to its default) and writes them strictly. */
export class PreferencesService {
  constructor(private readonly store: KeyValueStore) {}

  get(): Preferences & { actorId: string } {
    const raw: Record<string, unknown> = {};
    for (const k of KEYS) {
      const value = this.store.get(k);
      const one = preferencesSchema.shape[k].safeParse(value);
      if (one.success && value !== undefined) raw[k] = value;
    }
    const prefs = preferencesSchema.parse(raw);
    if (!prefs.actorId) {
      prefs.actorId = newActorId();
      this.store.set('actorId', prefs.actorId);
    }
    return prefs as Preferences & { actorId: string };
  }

  /** Writes only the keys in the patch: zod fills defaults even inside .partial(), which must not reset the rest. */
  update(patch: PreferencesPatch): Preferences {
    const parsed = preferencesSchema.partial().strict().safeParse(patch);
    if (!parsed.success) throw new Error(`invalid preferences: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    for (const k of Object.keys(patch) as (keyof Preferences)[]) {
      const v = parsed.data[k];
      if (v !== undefined) this.store.set(k, v);
    }
    return this.get();
  }
}
