// `npm run security`: Electronegativity over the main-process source (where windows, IPC and navigation are
// set up). It exits 0 whatever it finds, so this reads its CSV report and fails on any HIGH finding.
//
// Its CLI is run through its programmatic runner: the CLI reads options off `commander` the pre-v7 way,
// and the commander npm hoists here (v9) keeps them elsewhere, so `-i`/`-o` are silently ignored.
import { createRequire } from 'node:module';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const input = resolve(process.argv[2] ?? 'main');
const dir = await mkdtemp(join(tmpdir(), 'warroom-eneg-'));
const output = join(dir, 'electronegativity.csv');

/** One CSV record per line; fields may be quoted ("" inside quotes). */
function parseCsvLine(line) {
  const fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field.trim());
      field = '';
    } else field += c;
  }
  fields.push(field.trim());
  return fields;
}

try {
  const run = require('@doyensec/electronegativity/dist/runner.js');
  const electronVersion = require('electron/package.json').version;
  // The runner logs a release lookup that fails offline ("No connectivity?"): harmless, the checks are local.
  // This tree always has findings to review (a preload, openExternal, a protocol handler): a report with
  // none means the runner stopped early (seen now and then), not that all is well. Run again; then fail.
  let lines = [];
  for (let attempt = 1; attempt <= 3 && lines.length < 2; attempt++) {
    await rm(output, { force: true });
    await run(
      {
        input,
        output,
        isSarif: false,
        customScan: [],
        excludeFromScan: [],
        isRelative: true,
        isVerbose: false,
        parserPlugins: [],
        electronVersionOverride: electronVersion,
      },
      false,
    );
    lines = (await readFile(output, 'utf8').catch(() => '')).split(/\r?\n/).filter((l) => l.trim());
  }
  if (lines.length < 2) throw new Error(`electronegativity reported nothing for ${input} three times: the scan did not complete`);
  const [header, ...rows] = lines.map(parseCsvLine);
  const col = (name) => header.findIndex((h) => h.toLowerCase() === name);
  const [iIssue, iSeverity, iFile, iLocation, iDescription] = ['issue', 'severity', 'filename', 'location', 'description'].map(col);
  if ([iIssue, iSeverity, iFile].some((i) => i < 0)) throw new Error(`unexpected report header: ${header.join(', ')}`);
  const findings = rows.map((r) => ({
    issue: r[iIssue],
    severity: (r[iSeverity] ?? '').toUpperCase(),
    file: r[iFile],
    at: r[iLocation],
    what: r[iDescription],
  }));
  const high = findings.filter((f) => f.severity === 'HIGH');
  const counts = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL']
    .map((s) => `${findings.filter((f) => f.severity === s).length} ${s.toLowerCase()}`)
    .join(', ');
  console.log(`security: electronegativity on ${input}: ${counts}`);
  for (const f of findings) if (f.severity !== 'HIGH') console.log(`  ${f.severity.toLowerCase()}: ${f.issue} ${f.file}:${f.at} ${f.what}`);
  for (const f of high) console.error(`  HIGH: ${f.issue} ${f.file}:${f.at} ${f.what}`);
  if (high.length) {
    console.error(`security: ${high.length} high-severity finding(s); fix them (see https://github.com/doyensec/electronegativity/wiki)`);
    process.exitCode = 1;
  }
} catch (e) {
  console.error(`security: the scan could not run: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
