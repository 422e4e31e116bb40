import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memorySigner, type Signer } from '../../main/identity/event-signature.js';
import { loadCliSigner } from '../../main/identity/key-store.js';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { WarRoom } from '../../main/services/war-room.js';
import { CSV_COLUMNS } from '../../src/export/csv-writer.js';
import { parseEvent } from '../../src/kinds/event.js';
import { shortFingerprint } from '../../src/model/identity.js';
import { cli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/** The names a second "Alice" could write under, each with a key of their own. */
const IMPOSTORS = [
  { label: 'same name', name: 'Alice', text: 'rollback approved' },
  { label: 'Cyrillic А', name: '\u0410lice', text: 'customers already told' },
  { label: 'zero-width space', name: 'Al\u200bice', text: 'firewall is fine, stop looking' },
  { label: 'title in the name', name: 'Alice (commander)', text: 'closing the incident' },
] as const;

/**
 * Alice runs the incident; four people with keys of their own write as "Alice" in four ways. Every export
 * (CSV, JSON, Markdown, HTML, and the PDF, which is the HTML printed) tells each of them from her.
 */
describe('a second "Alice" is told from the real one in every export', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let incident: string;
  let alice: Signer;
  const data = () => join(dir.path, 'data');

  beforeEach(async () => {
    dir = await tempDir('warroom-alice-');
    const store = () => new IncidentLogStore(join(data(), 'incidents'));
    // The real Alice writes with the CLI key of this data dir (what `warroom export` below reads).
    alice = await loadCliSigner(data());
    const real = new WarRoom({ store: store(), signer: alice, actor: () => ({ id: 'ignored', name: 'Alice' }) });
    const opened = await real.createIncident({ title: 'Checkout failing for EU customers' });
    if (!opened.ok) throw new Error(opened.error);
    incident = opened.value.incident;
    await real.record(incident, 'hypothesis.added', { text: 'primary database stalled while replicating to its replicas' });
    await real.close();
    for (const who of IMPOSTORS) {
      const other = new WarRoom({ store: store(), signer: memorySigner(), actor: () => ({ id: 'ignored', name: who.name }) });
      const r = await other.record(incident, 'note.added', { text: who.text });
      if (!r.ok) throw new Error(r.error);
      await other.close();
    }
  });
  afterEach(() => dir.cleanup());

  const exported = async (format: string) => {
    const r = await cli(['export', '--incident', incident, '--format', format, '--data-dir', data()]);
    expect(r.code).toBe(0);
    return r.stdout;
  };

  it('writes names normalised: the zero-width space is gone before anything is signed', async () => {
    const json = JSON.parse(await exported('json')) as { events: { actor: { name: string } }[] };
    expect(json.events.map((e) => e.actor.name)).not.toContain('Al\u200bice');
    expect(json.events.filter((e) => e.actor.name === 'Alice')).toHaveLength(4); // Alice twice, the same name, the zero-width one
  });

  it('CSV: every row has the author id and key fingerprint; the impostors’ differ from hers', async () => {
    const lines = (await exported('csv')).split(/\r?\n/).filter(Boolean);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const rowOf = (text: string) => lines.find((l) => l.includes(text))!.split(',');
    const hers = rowOf('primary database stalled');
    expect(hers[col('author_id')]).toBe(alice.actorId);
    expect(hers[col('author_key')]).toBe(shortFingerprint(alice.actorId));
    for (const who of IMPOSTORS) {
      const row = rowOf(who.text);
      expect(row[col('author_id')], who.label).not.toBe(alice.actorId);
      expect(row[col('author_key')], who.label).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}$/);
      expect(row[col('author_key')], who.label).not.toBe(shortFingerprint(alice.actorId));
    }
  });

  it('JSON: the events and the state name each author by id', async () => {
    const json = JSON.parse(await exported('json')) as {
      events: { actor: { id: string } }[];
      state: { timeline: { text: string; author: { id: string } }[] };
    };
    expect(new Set(json.events.map((e) => e.actor.id)).size).toBe(1 + IMPOSTORS.length);
    for (const who of IMPOSTORS) expect(json.state.timeline.find((r) => r.text === who.text)!.author.id, who.label).not.toBe(alice.actorId);
  });

  it('Markdown and HTML (and so the PDF): each row carries the key, and the key appendix flags every lookalike', async () => {
    const mine = shortFingerprint(alice.actorId)!;
    const md = await exported('md');
    const appendix = md.slice(md.indexOf('### Authors and keys'));
    const appendixRows = appendix.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Author') && !l.startsWith('| ---'));
    expect(appendixRows).toHaveLength(1 + IMPOSTORS.length);
    // Every one of the five is flagged: each name looks like another key's.
    for (const row of appendixRows) expect(row).toMatch(/name looks like .*another key, another person/);
    expect(appendixRows.filter((r) => r.includes(`\`${mine}\``))).toHaveLength(1);
    for (const who of IMPOSTORS) {
      const logRow = md.split('\n').find((l) => l.includes(who.text))!;
      expect(logRow, who.label).toMatch(/`[a-z2-7]{4}-[a-z2-7]{4}`/);
      expect(logRow, who.label).not.toContain(mine);
    }
    const html = await exported('html');
    expect(html).toContain('<h3>Authors and keys</h3>');
    for (const who of IMPOSTORS) {
      const logRow = html.split('\n').find((l) => l.includes(who.text))!;
      expect(logRow, who.label).toMatch(/<code>[a-z2-7]{4}-[a-z2-7]{4}<\/code>/);
      expect(logRow, who.label).not.toContain(mine);
    }
    expect(html.match(/another key, another person/g)).toHaveLength(1 + IMPOSTORS.length);
  });

  it('a name with zero-width or bidi characters arriving from elsewhere is refused, as every road parses it', () => {
    const base = {
      v: 1,
      id: 'e_arrives0001',
      incident,
      origin: 'o_arrives0001',
      seq: 1,
      at: { ms: Date.now(), c: 0 },
      kind: 'note.added',
      data: { text: 'hi' },
    };
    for (const name of ['Al\u200bice', '\u202eecilA', 'Alice\u0007', '\uff21lice']) {
      const parsed = parseEvent({ ...base, actor: { id: 'u_arrives0001', name } });
      expect(parsed.ok, JSON.stringify(name)).toBe(false);
    }
    expect(parseEvent({ ...base, actor: { id: 'u_arrives0001', name: '\u0410lice' } }).ok).toBe(true); // flagged, not refused
  });
});
