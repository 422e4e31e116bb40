import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

// The documented shapes of Slack's, Microsoft Teams' and Mattermost's incoming webhooks (test/fixtures/webhooks/,
// each with where it comes from), compiled once.
const ajv = new Ajv({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv) => void)(ajv);
const load = (name: string) =>
  ajv.compile(JSON.parse(readFileSync(new URL(`../fixtures/webhooks/${name}.schema.json`, import.meta.url), 'utf8')) as object);
const validators = {
  slack: load('slack-incoming-webhook'),
  teams: load('teams-adaptive-card'),
  mattermost: load('mattermost-incoming-webhook'),
};

/** Problems with a payload against its tool's documented shape; empty when it matches. */
export function webhookProblems(format: keyof typeof validators, payload: unknown): string[] {
  const validate = validators[format];
  if (validate(payload)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
