import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

// The Statuspage v2 JSON schema (test/fixtures/statuspage/, written from Statuspage's published public API),
// compiled once: every test that reads the hub's public JSON checks it against this.
const schema = JSON.parse(readFileSync(new URL('../fixtures/statuspage/statuspage-v2.schema.json', import.meta.url), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv) => void)(ajv);
const validate = ajv.compile(schema);

/** Problems with a document against Statuspage's shape; an empty list when it matches. */
export function statuspageProblems(doc: unknown): string[] {
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
