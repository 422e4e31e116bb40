import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memorySigner, originPrefixOf } from '../../main/identity/event-signature.js';
import { CSV_COLUMNS } from '../../src/export/csv-writer.js';
import { cli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

interface ExportDoc {
  incident: string;
  events: { id: string; origin: string; seq: number; at: { ms: number; c: number }; actor: { id: string; name: string }; key?: string }[];
}

/**
 * Mallory hands the team an "export" of Alice's incident with a few events added "by Alice": unsigned, or
 * signed by another key than hers. `warroom import` holds the line a hub and a peer hold: refused, nothing
 * written; kept only when asked, and then marked unverified wherever the incident is shown.
 */
describe('import and verify hold the same line as sync', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  const alice = (...args: string[]) => cli([...args, '--data-dir', join(dir.path, 'alice')]);
  const bob = (...args: string[]) => cli([...args, '--data-dir', join(dir.path, 'bob')]);
  const file = (name: string) => join(dir.path, name);
  let doc: ExportDoc;

  beforeEach(async () => {
    dir = await tempDir('warroom-import-id-');
    const incident = (await alice('new', '--title', 'Checkout failing', '--severity', 'SEV1', '--name', 'Alice')).stdout;
    await alice(
      'post',
      '--incident',
      incident,
      '--kind',
      'hypothesis',
      '--text',
      'primary firewall reset its configuration',
      '--name',
      'Alice',
    );
    expect((await alice('export', '--incident', incident, '--format', 'json', '--out', file('real.json'))).code).toBe(0);
    doc = JSON.parse(await readFile(file('real.json'), 'utf8')) as ExportDoc;
  });
  afterEach(() => dir.cleanup());

  /** One more event "by Alice": her id and name, dated a minute after her last. */
  function byAlice(id: string, origin: string, text: string) {
    const real = doc.events[0]!;
    return {
      v: 1,
      id,
      incident: doc.incident,
      origin,
      seq: 1,
      at: { ms: doc.events[doc.events.length - 1]!.at.ms + 60_000, c: 0 },
      actor: { id: real.actor.id, name: 'Alice' },
      kind: 'note.added',
      data: { text },
    };
  }

  async function crafted(name: string, extra: object): Promise<string> {
    const text = await readFile(file('real.json'), 'utf8');
    const forged = JSON.parse(text) as { events: object[]; state?: unknown };
    forged.events.push(extra);
    delete forged.state;
    await writeFile(file(name), JSON.stringify(forged));
    return file(name);
  }

  it('refuses an unsigned event "by Alice", writes nothing, and verify fails the file', async () => {
    const path = await crafted('unsigned.json', byAlice('e_forged0001', 'o_forged0001', 'Rollback approved, go ahead'));
    const imported = await bob('import', path);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(
      /events\[2\]: unsigned: event e_forged0001 is not signed: nothing proves that Alice \(u_\w+\) wrote it/,
    );
    expect(imported.stderr).toMatch(/--keep-unverified/);
    expect(await readdir(join(dir.path, 'bob', 'incidents')).catch(() => [])).toEqual([]);
    const verified = await bob('verify', path);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toMatch(/FAIL events\[2\] \(e_forged0001\): unsigned/);
    // The real export still imports and verifies: the line is drawn at the forgery, not at Alice.
    expect((await bob('verify', file('real.json'))).code).toBe(0);
    expect((await bob('import', file('real.json'))).code).toBe(0);
  });

  it('refuses events signed by another key than Alice’s: her key named, or her id claimed', async () => {
    const mallory = memorySigner();
    const aliceKey = doc.events[0]!.key!;
    // Her key in the event, Mallory's signature over it.
    const withHerKey = { ...byAlice('e_forged0002', `${originPrefixOf(aliceKey)}forged02`, 'Customers told: all clear'), key: aliceKey };
    const badSig = { ...withHerKey, sig: mallory.sign('anything') };
    const refused = await bob('import', await crafted('bad-sig.json', badSig));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/events\[2\]: bad-signature: event e_forged0002: the signature does not match/);
    // Mallory's own key and signature, Alice's id and name.
    const claimed = mallory.signEvent(
      byAlice('e_forged0003', `${originPrefixOf(mallory.key)}forged03`, 'I am the commander now') as never,
      undefined,
    );
    const forged = await bob('import', await crafted('forged-actor.json', claimed));
    expect(forged.code).toBe(1);
    expect(forged.stderr).toMatch(/events\[2\]: forged-actor: event e_forged0003 names actor u_\w+, but its key belongs to u_\w+/);
    expect(await readdir(join(dir.path, 'bob', 'incidents')).catch(() => [])).toEqual([]);
    expect((await bob('verify', file('bad-sig.json'))).code).toBe(1);
  });

  it('keeps them only when asked, marked unverified in the CSV, Markdown and JSON, and verify still fails', async () => {
    const mallory = memorySigner();
    const aliceKey = doc.events[0]!.key!;
    const badSig = {
      ...byAlice('e_forged0002', `${originPrefixOf(aliceKey)}forged02`, 'Customers told: all clear'),
      key: aliceKey,
      sig: mallory.sign('anything'),
    };
    const path = await crafted('bad-sig.json', badSig);
    const kept = await bob('import', path, '--keep-unverified');
    expect(kept.code).toBe(0);
    expect(kept.stderr).toMatch(/warning: 1 event\(s\) kept as unverified history/);
    const incident = doc.incident;

    const csv = (await bob('export', '--incident', incident, '--format', 'csv')).stdout.split(/\r?\n/);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const forgedRow = csv.find((l) => l.includes('Customers told'))!.split(',');
    const realRow = csv.find((l) => l.includes('primary firewall'))!.split(',');
    expect(forgedRow[col('author')]).toBe('Alice');
    expect(forgedRow[col('author_key')]).toBe('unverified');
    expect(realRow[col('author')]).toBe('Alice');
    expect(realRow[col('author_key')]).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}$/);
    expect(realRow[col('author_id')]).toBe(doc.events[0]!.actor.id);

    const md = (await bob('export', '--incident', incident, '--format', 'md')).stdout;
    expect(md).toMatch(/\| Alice `unverified` \| Note \| Customers told: all clear/);
    expect(md).toMatch(/1 entry unsigned: nothing proves they wrote them/);

    const json = JSON.parse((await bob('export', '--incident', incident, '--format', 'json')).stdout) as {
      state: { timeline: { text: string; unverified?: boolean }[] };
    };
    expect(json.state.timeline.find((r) => r.text.includes('Customers told'))?.unverified).toBe(true);
    expect(json.state.timeline.find((r) => r.text.includes('primary firewall'))?.unverified).toBeUndefined();

    const verified = await bob('verify', '--incident', incident);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toMatch(/\(e_forged0002\): unsigned/);
  });
});
