import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const HONEST =
  'Since 14:02 UTC, card payments at checkout are failing for about 1,200 customers in the EU region. We have found that our primary database stopped accepting writes while replicating and are moving traffic to a standby. Next update at 15:00 UTC, or sooner if anything changes.';
const WARNINGS_ONLY = 'Since 14:02 UTC, card payments at checkout are failing for a small number of customers. Next update at 15:00 UTC.';
const BAD = 'We are experiencing technical difficulties.\nThe data you provided on db-primary-01 was wrong.\n';

describe('warroom lint-update', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  const w = (args: string[], stdin?: string) => cli([...args, '--data-dir', dir.path], stdin === undefined ? {} : { stdin });
  const file = async (name: string, text: string) => {
    const path = join(dir.path, name);
    await writeFile(path, text);
    return path;
  };

  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => dir.cleanup());

  it('exits 0 with no findings for an honest update', async () => {
    const r = await w(['lint-update', await file('honest.txt', HONEST)]);
    expect(r).toMatchObject({ code: 0, stdout: 'no findings', stderr: '' });
  });

  it('exits 0 when there are only warnings, and prints them with line:col, rule, severity, message and fix', async () => {
    const path = await file('warn.txt', WARNINGS_ONLY);
    const r = await w(['lint-update', path]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${path}:1:${WARNINGS_ONLY.indexOf('a small') + 1}: warning minimising-impact "a small number of"`);
    expect(r.stdout).toMatch(/\n {2}"a small number of" plays the impact down/);
    expect(r.stdout).toMatch(/\n {2}fix: Give the number or share plainly/);
    expect(r.stdout.split('\n').at(-1)).toBe('0 errors, 1 warning, 0 info');
  });

  it('exits 1 on any error-level finding, reading from a file or from - (stdin)', async () => {
    const fromFile = await w(['lint-update', await file('bad.txt', BAD)]);
    expect(fromFile.code).toBe(1);
    expect(fromFile.stdout).toMatch(/bad\.txt:2:10: error blaming-customer "you provided"/);
    expect(fromFile.stdout).toMatch(/bad\.txt:2:26: error internal-host "db-primary-01"/);
    const fromStdin = await w(['lint-update', '-'], BAD);
    expect(fromStdin.code).toBe(1);
    expect(fromStdin.stdout).toMatch(/<stdin>:2:10: error blaming-customer/);
  });

  it('prints --json as an array of {rule, severity, message, start, end, suggestion}', async () => {
    const r = await w(['lint-update', '-', '--json'], BAD);
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(findings.length).toBeGreaterThan(3);
    for (const f of findings) {
      expect(Object.keys(f).sort()).toEqual(['end', 'message', 'rule', 'severity', 'start', 'suggestion']);
      expect(['error', 'warning', 'info']).toContain(f.severity);
      expect(typeof f.start).toBe('number');
      expect(typeof f.end).toBe('number');
    }
    const blame = findings.find((f) => f.rule === 'blaming-customer')!;
    expect(BAD.slice(blame.start as number, blame.end as number)).toBe('you provided');
    const clean = await w(['lint-update', '-', '--json'], HONEST);
    expect(clean).toMatchObject({ code: 0, stdout: '[]' });
  });

  it('takes context: a resolved incident needs no next update; an internal audience may name hosts', async () => {
    const text = 'Between 14:02 and 15:10 UTC card payments failed because db-primary-01 stopped accepting writes.';
    expect((await w(['lint-update', '-'], text)).code).toBe(1);
    const r = await w(['lint-update', '-', '--json', '--status', 'resolved', '--audience', 'internal'], text);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(await w(['lint-update', '-', '--audience', 'everyone'], text)).toMatchObject({
      code: 2,
      stderr: 'warroom lint-update: --audience must be one of all, affected, customer, internal',
    });
  });

  it("takes the team's own words with --allow-word (repeatable, comma-separated) and refuses nonsense", async () => {
    const text =
      'Since 09:12 UTC, queries on the sg-prod-07 cluster time out for customers using our kafka connector. Next update at 10:00 UTC.';
    const before = JSON.parse((await w(['lint-update', '-', '--json'], text)).stdout) as { rule: string }[];
    expect(before.map((f) => f.rule)).toEqual(expect.arrayContaining(['internal-host', 'internal-jargon']));
    const after = await w(['lint-update', '-', '--json', '--allow-word', 'sg-prod-07', '--allow-word', 'Kafka,Snowflake'], text);
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout)).toEqual([]);
    const refused = await w(['lint-update', '-', '--allow-word', 'x'.repeat(81)], text);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--allow-word "x+" must be a word or name under 80 characters/);
  });

  it('says clearly when the file is missing or no file is given', async () => {
    const missing = await w(['lint-update', join(dir.path, 'nope.txt')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`warroom lint-update: cannot read ${join(dir.path, 'nope.txt')}: no such file or directory`);
    expect(missing.stdout).toBe('');
    await mkdir(join(dir.path, 'folder'));
    expect((await w(['lint-update', join(dir.path, 'folder')])).stderr).toMatch(/it is a directory$/);
    expect(await w(['lint-update'])).toMatchObject({
      code: 2,
      stderr: 'warroom lint-update: give one file to check, or - to read standard input',
    });
  });
});
