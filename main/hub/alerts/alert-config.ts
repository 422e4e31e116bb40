import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { describeZodIssues } from '../../../src/model/result.js';
import { SEVERITIES } from '../../../src/model/vocabulary.js';

/** A team's name: what rules route to and people subscribe to. */
export const TEAM_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

const severity = z.enum(SEVERITIES);
const labelName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'is not a label name');

/**
 * How a source proves a request is its own: `bearer` (the Authorization header carries the secret, as
 * Alertmanager's http_config.authorization sends it) or `hmac` (X-WarRoom-Signature: sha256=<hex HMAC-SHA256 of
 * the body with the secret>, as GitHub-style webhooks sign). The secret inline or in a file of its own.
 */
const sourceSchema = z
  .strictObject({
    auth: z.enum(['bearer', 'hmac']),
    secret: z.string().min(16, 'must be at least 16 characters').max(512).optional(),
    secretFile: z.string().min(1).optional(),
  })
  .refine((s) => (s.secret === undefined) !== (s.secretFile === undefined), 'give exactly one of secret and secretFile');

/**
 * One routing rule the team writes: the first rule whose `match` holds for a group's labels decides which
 * team's room it goes to, its severity and its title. `match` values are exact, or "*" for "present".
 */
const ruleSchema = z.strictObject({
  match: z.record(labelName, z.string().max(500)).default({}),
  /** A team name, or a template ("{{team}}") filled from the labels. */
  team: z.string().min(1).max(200),
  /** A fixed severity, or one read from a label. */
  severity: z
    .union([severity, z.strictObject({ label: labelName, map: z.record(z.string().max(200), severity), default: severity })])
    .default('SEV2'),
  /** "{{alertname}} on {{service}}": labels first, then annotations; default: the summary annotation or alertname. */
  title: z.string().min(1).max(400).optional(),
});

const configSchema = z.strictObject({
  sources: z
    .strictObject({ alertmanager: sourceSchema.optional(), webhook: sourceSchema.optional() })
    .refine((s) => s.alertmanager !== undefined || s.webhook !== undefined, 'name at least one source (alertmanager or webhook)'),
  rules: z.array(ruleSchema).min(1, 'write at least one rule').max(500),
  /** The biggest request body taken, in bytes. */
  maxBodyBytes: z
    .int()
    .min(1_024)
    .max(4 * 1024 * 1024)
    .default(256 * 1024),
  /** Requests a second per source (a bucket of `burst`): a flood is answered 429 instead of slowing the rooms. */
  perSecond: z.number().min(0.1).max(1_000).default(20),
  burst: z.int().min(1).max(10_000).default(100),
});

export type AlertRule = z.output<typeof ruleSchema>;
export interface AlertSourceConfig {
  auth: 'bearer' | 'hmac';
  secret: string;
}
export interface AlertConfig {
  sources: { alertmanager?: AlertSourceConfig; webhook?: AlertSourceConfig };
  rules: AlertRule[];
  maxBodyBytes: number;
  perSecond: number;
  burst: number;
}

/** Checks a config (a parsed JSON file, or an object a test or the app builds); throws with what to fix. */
export async function resolveAlertConfig(input: unknown, baseDir = process.cwd()): Promise<AlertConfig> {
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) throw new Error(`alerts config: ${describeZodIssues(parsed.error.issues)}`);
  const sources: AlertConfig['sources'] = {};
  for (const name of ['alertmanager', 'webhook'] as const) {
    const s = parsed.data.sources[name];
    if (s) sources[name] = { auth: s.auth, secret: s.secret ?? (await readSecretFile(resolveFrom(baseDir, s.secretFile!), name)) };
  }
  return { ...parsed.data, sources };
}

/** Reads the alerts config file (`warroom hub --alerts FILE`); secretFile paths are relative to it. */
export async function loadAlertConfig(file: string): Promise<AlertConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the alerts config ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`the alerts config ${file} is not JSON: ${(e as Error).message}`);
  }
  return resolveAlertConfig(json, dirname(resolve(file)));
}

const resolveFrom = (base: string, path: string): string => (isAbsolute(path) ? path : resolve(base, path));

async function readSecretFile(path: string, source: string): Promise<string> {
  let text: string;
  try {
    if (((await stat(path)).mode & 0o077) !== 0) throw new Error(`${path} is readable by others: chmod 600 it`);
    text = (await readFile(path, 'utf8')).trim();
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new Error(`alerts config: the ${source} secret file: ${why}`);
  }
  if (text.length < 16) throw new Error(`alerts config: the ${source} secret in ${path} must be at least 16 characters`);
  return text;
}
