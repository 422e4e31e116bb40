import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { cli } from '../helpers/run-cli.js';
import { HOSTILE_INCIDENT, hostileIncident } from '../helpers/export-fixtures.js';
import { tempDir } from '../helpers/temp-dir.js';

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  dir = await tempDir('warroom-export-bom-');
  const store = new IncidentLogStore(join(dir.path, 'incidents'));
  await store.append(HOSTILE_INCIDENT, hostileIncident().events);
  await store.close();
});
afterEach(() => dir.cleanup());

it('warroom export --format csv --bom writes CSV for Excel: a UTF-8 byte order mark, then the same bytes', async () => {
  const args = ['export', '--incident', HOSTILE_INCIDENT, '--format', 'csv', '--data-dir', dir.path];
  expect((await cli([...args, '--bom', '--out', join(dir.path, 'excel.csv')])).code).toBe(0);
  expect((await cli([...args, '--out', join(dir.path, 'plain.csv')])).code).toBe(0);
  const [excel, plain] = await Promise.all([readFile(join(dir.path, 'excel.csv')), readFile(join(dir.path, 'plain.csv'))]);
  expect([...excel.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(excel.subarray(3).equals(plain)).toBe(true);
});
