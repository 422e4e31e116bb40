import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, rename, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import { generateKeyPairSync } from 'node:crypto';
import { parseEvent } from '../src/kinds/event.js';
import { originPrefixOf, Signer } from '../main/identity/event-signature.js';

/** Bumped whenever what writeSyntheticLog writes changes: older cached fixtures are then made again. */
const FIXTURE_VERSION = 1;

/**
 * writeSyntheticLog, kept between runs for signed logs: a million signed events take minutes to sign (one
 * Ed25519 signature each, on one core), and the log they make is the same whatever run asks for it. Kept in
 * the temp dir under its parameters; WARROOM_BENCH_FRESH_FIXTURES=1 makes them again.
 */
export async function cachedSyntheticLog(
  path: string,
  n: number,
  incident: string,
  options: { signed?: boolean; origins?: number } = {},
): Promise<void> {
  if (!options.signed) return writeSyntheticLog(path, n, incident, undefined, options);
  const dir = join(tmpdir(), 'warroom-bench-fixtures');
  const cached = join(dir, `v${FIXTURE_VERSION}-${incident}-${n}-${options.origins ?? 4}-signed.jsonl`);
  const held = await stat(cached).catch(() => null);
  if (!held || process.env.WARROOM_BENCH_FRESH_FIXTURES === '1') {
    await mkdir(dir, { recursive: true });
    await writeSyntheticLog(`${cached}.part`, n, incident, undefined, options);
    await rename(`${cached}.part`, cached);
  }
  await mkdir(dirname(path), { recursive: true });
  await copyFile(cached, path);
}

/**
 * Writes a realistic incident log of `n` events straight to a JSON-lines file, without building the events
 * first: a million-event room in seconds, and in bounded memory. The same mix as syntheticIncident (four
 * writers, hypotheses, linked actions, status changes, customers, notes), valid by construction; `signed`:
 * signed and chained by four generated keys, as the app writes them (slower to make: a signature each).
 * `origins`: that many writers instead of four, taking turns (the four people's keys, each writing under many
 * origins, as every app start and every CLI call does): a room of many short chains.
 */
export async function writeSyntheticLog(
  path: string,
  n: number,
  incident: string,
  start = Date.UTC(2026, 10, 22, 14, 2),
  options: { signed?: boolean; origins?: number } = {},
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  const people = ['alice', 'bob', 'carol', 'dan'].map((name) => ({
    name,
    // Signed: as the app writes them, each person's key making its actor id and origins, each event chained.
    signer: options.signed ? new Signer(generateKeyPairSync('ed25519').privateKey) : null,
  }));
  const many = options.origins !== undefined;
  const writers = Array.from({ length: options.origins ?? people.length }, (_, k) => {
    const { name: person, signer } = people[k % people.length]!;
    // Ids: the person's name and seq with four writers; with many, the writer's number instead of the name.
    const name = many ? `w${k.toString(36).padStart(4, '0')}` : person;
    const suffix = many ? `b${k.toString(36).padStart(7, '0')}` : `bench${person.slice(0, 3)}`;
    return {
      name,
      signer,
      prev: undefined as string | undefined,
      origin: signer ? `${originPrefixOf(signer.key)}${suffix}` : many ? `o_${suffix}` : `o_bench${person}`,
      actor: { id: signer ? signer.actorId : `u_bench${person}`, name: person[0]!.toUpperCase() + person.slice(1) },
      seq: 0,
    };
  });
  let lastHypothesis = '';
  let lastAction = '';
  let chunk = '';
  for (let i = 0; i < n; i++) {
    const w = writers[i % writers.length]!;
    w.seq++;
    const id = i === 0 ? incident : `e_${w.name}${String(w.seq).padStart(8, '0')}`;
    const r = i % 10;
    let kind: string;
    let data: unknown;
    if (i === 0) [kind, data] = ['incident.opened', { title: 'Checkout failing for EU customers', severity: 'SEV1' }];
    else if (r === 0 || lastHypothesis === '')
      [kind, data] = ['hypothesis.added', { text: `primary database stalled while replicating (variant ${i})` }];
    else if (r <= 2)
      [kind, data] = ['action.added', { text: `check replica lag on db-${i % 7}`, links: [lastHypothesis], owner: w.actor.name }];
    else if (r === 3)
      [kind, data] = ['hypothesis.status', { target: lastHypothesis, status: 'ruled-out', evidence: 'lag is zero on every replica' }];
    else if (r === 4 && lastAction)
      [kind, data] = ['action.status', { target: lastAction, status: 'done', result: 'no change in error rate' }];
    else if (r === 5)
      [kind, data] = ['impact.added', { customer: `Customer ${i}`, level: i % 3 ? 'major' : 'critical', contact: `ops${i}@example.com` }];
    else [kind, data] = ['note.added', { text: `error rate ${i % 100}% on checkout, p99 ${i % 900} ms; "quoted", commas, and more` }];
    if (kind === 'hypothesis.added') lastHypothesis = id;
    if (kind === 'action.added') lastAction = id;
    let event: object = { v: 1, id, incident, origin: w.origin, seq: w.seq, at: { ms: start + i * 250, c: 0 }, actor: w.actor, kind, data };
    if (w.signer) {
      const parsed = parseEvent(event);
      if (!parsed.ok) throw new Error(parsed.error);
      // The chain hash from the text just signed: no second encoding of the event.
      const { signed, hash } = w.signer.signChained(parsed.value, w.prev);
      w.prev = hash;
      event = signed;
    }
    chunk += JSON.stringify(event) + '\n';
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}
