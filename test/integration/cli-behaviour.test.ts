import { spawn } from 'node:child_process';
import { mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../main/cli/commands/index.js';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { syntheticIncident } from '../../bench/synthetic-incident.js';
import { snapshot } from '../helpers/dir-snapshot.js';
import { cleanupTempDirs, startTestHub, tempDir, type TestHub } from '../helpers/hub-peers.js';
import { warroomArgv, ROOT } from '../helpers/hub-process.js';
import { cli } from '../helpers/run-cli.js';
import { missingTool } from '../helpers/system-tool.js';

// How `warroom` behaves as a command among others: --version, --help, exit codes, quiet pipes, errors in words,
// and a data directory that only changes when something was done. Runs against the source and (CI) the tarball.

const VERSION = (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('warroom as a command-line tool', () => {
  let data: string;
  let scratch: string;
  let incident: string;
  let hypothesis: string;
  const w = (...args: string[]) => cli([...args, '--data-dir', data]);

  beforeAll(async () => {
    data = join(await tempDir('warroom-behaviour-'), 'data');
    scratch = await tempDir('warroom-scratch-');
    incident = (await w('new', '--title', 'Checkout failing for EU customers', '--severity', 'SEV1')).stdout;
    hypothesis = (await w('post', '--incident', incident, '--kind', 'hypothesis', '--text', 'primary firewall reset its configuration'))
      .stdout;
    expect(hypothesis).toMatch(/^e_/);
  });
  afterAll(() => cleanupTempDirs());

  it('--version prints the version from package.json', async () => {
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `warroom ${VERSION}`, stderr: '' });
  });

  it('--help of every command explains each of its options and shows an example', async () => {
    for (const entry of COMMANDS) {
      const command = await entry.load();
      const help = await cli([entry.name, '--help']);
      expect(help.code, entry.name).toBe(0);
      expect(help.stdout).toContain(`Usage: warroom ${entry.name}`);
      for (const option of [...Object.keys(command.options), 'data-dir', 'name', 'help']) {
        const line = help.stdout.split('\n').find((l) => new RegExp(`^ {2}(-\\w, )?--${option}\\b`).test(l));
        expect(line, `${entry.name} --${option}`).toBeDefined();
        // The flag, then its explanation in words.
        expect(line!.replace(/^ +(-\w, )?--\S+( [A-Z_,0-9]+)? +/, '').length, `${entry.name} --${option}`).toBeGreaterThan(8);
      }
      expect(help.stdout).toMatch(/\nExamples?:\n {2}.*warroom /);
    }
  });

  it('is called wrongly (exit 2) or fails (exit 1) with one line in words, and writes nothing', async () => {
    const before = { data: await snapshot(data), scratch: await snapshot(scratch) };
    const missingDir = join(scratch, 'no-such-dir', 'postmortem.md');
    const cases: [number, string[], RegExp][] = [
      [2, ['frobnicate'], /unknown command "frobnicate"/],
      [2, ['post', '--incident', incident, '--kind', 'rumour', '--text', 'x'], /unknown kind "rumour"/],
      [2, ['post', '--incident', incident, '--kind', 'note'], /--text is required/],
      [2, ['post', '--incident', '../../etc/passwd', '--kind', 'note', '--text', 'x'], /is not an incident id/],
      [2, ['post', '--incident', incident, '--kind', 'note', '--text', 'x', '--colour', 'red'], /Unknown option '--colour'/],
      [
        2,
        ['post', '--incident', incident, '--kind', 'note', '--text', 'x', '--hub', 'https://hub.example.com', '--token'],
        /--token' argument (missing|is ambiguous)/,
      ],
      [2, ['new'], /--title is required/],
      [2, ['new', '--title', 'x', '--severity', 'SEV9'], /--severity must be one of SEV1, SEV2, SEV3, SEV4/],
      [2, ['status', '--incident', incident, '--status', 'sleeping'], /--status must be one of/],
      [2, ['set', '--incident', incident, '--entry', hypothesis, '--status', 'maybe'], /--status must be one of/],
      [2, ['export', '--incident', incident, '--format', 'docx'], /unknown format "docx"/],
      [2, ['export', '--incident', incident, '--format', 'md', '--tz', 'Mars/Olympus_Mons'], /Mars\/Olympus_Mons/],
      [2, ['hub', '--port', '99999'], /--port must be a number from 0 to 65535/],
      [2, ['invite', '--incident', incident, '--role', 'admin'], /--role must be one of editor, viewer/],
      [2, ['invite', '--incident', incident, '--role', 'editor', '--expires', 'soon'], /"soon" is not a duration/],
      [2, ['sync', '--incident', incident], /--hub URL and --token T are required/],
      [2, ['import'], /give exactly one file/],
      [2, ['lint-update', '-', '--customers', 'many'], /--customers must be a whole number/],
      [2, ['completion', 'fish'], /no completion for "fish"/],
      [2, ['join', 'https://example.com/not-a-link'], /link/],
      [2, ['help', 'frobnicate'], /unknown command "frobnicate"/],
      [1, ['post', '--incident', 'inc_nosuchthing1', '--kind', 'note', '--text', 'x'], /no incident "inc_nosuchthing1"/],
      [1, ['set', '--incident', incident, '--entry', 'e_nosuchentry1', '--status', 'confirmed'], /no entry "e_nosuchentry1"/],
      [1, ['status', '--incident', incident, '--status', 'investigating'], /is already investigating/],
      [1, ['import', join(scratch, 'nope.json')], /cannot read .*nope\.json: no such file or directory$/],
      [1, ['verify', join(scratch, 'nope.jsonl')], /cannot read .*nope\.jsonl: no such file or directory$/],
      [
        1,
        ['export', '--incident', incident, '--format', 'md', '--out', missingDir],
        /no-such-dir\/postmortem\.md: no such file or directory$/,
      ],
      [1, ['repair', '--incident', 'inc_nosuchthing1'], /no incident "inc_nosuchthing1"/],
      [
        1,
        ['hub', '--port', '0', '--tls-cert', join(scratch, 'no.crt'), '--tls-key', join(scratch, 'no.key')],
        /cannot read the TLS certificate .*no\.crt: no such file or directory$/,
      ],
    ];
    expect(cases.length).toBeGreaterThanOrEqual(20);
    for (const [code, args, reason] of cases) {
      const r = await w(...args);
      const what = `warroom ${args.join(' ')}: ${r.stderr}`;
      expect(r.code, what).toBe(code);
      expect(r.stdout, what).toBe('');
      expect(r.stderr.split('\n'), what).toHaveLength(1);
      expect(r.stderr, what).toMatch(/^warroom/);
      expect(r.stderr, what).toMatch(reason);
      // Words, not a temp file or a bare system code.
      expect(r.stderr, what).not.toMatch(/\.tmp\b|\bE[A-Z]{3,}\b|\bat \S+:\d+/);
    }
    expect({ data: await snapshot(data), scratch: await snapshot(scratch) }).toEqual(before);
  }, 120_000);

  it('read-only commands create nothing: list on a data dir that does not exist, log/export/verify on one that does', async () => {
    const fresh = join(scratch, 'never-made');
    expect(await cli(['list', '--data-dir', fresh])).toMatchObject({ code: 0, stdout: '' });
    expect(await cli(['list', '--json', '--data-dir', fresh])).toMatchObject({ code: 0, stdout: '[]' });
    await expect(stat(fresh)).rejects.toMatchObject({ code: 'ENOENT' });

    const before = await snapshot(data);
    expect((await w('list')).code).toBe(0);
    expect((await w('log', '--incident', incident)).code).toBe(0);
    expect((await w('export', '--incident', incident, '--format', 'json')).code).toBe(0);
    expect((await w('verify', '--incident', incident)).code).toBe(0);
    expect(await snapshot(data)).toEqual(before);
  });

  it('keeps its data for its owner: the data dir and folders 0700, every file 0600', async () => {
    const files = await snapshot(data);
    expect(Object.keys(files).length).toBeGreaterThanOrEqual(3);
    expect((await stat(data)).mode & 0o777).toBe(0o700);
    for (const [path, what] of Object.entries(files)) {
      expect(what, path).toMatch(what.startsWith('dir') ? /^dir 700$/ : /^file 600 /);
    }
  });

  it("a viewer's post to a hub is refused before anything is written", async () => {
    const hub: TestHub = await startTestHub();
    try {
      const viewer = await hub.invite(incident, 'viewer');
      const before = await snapshot(data);
      const r = await w('post', '--hub', hub.hub.url, '--token', viewer, '--incident', incident, '--kind', 'note', '--text', 'x');
      expect(r).toMatchObject({ code: 1, stdout: '' });
      expect(r.stderr).toMatch(/^warroom post: this invite is read-only \(viewer\).*nothing was written$/);
      expect(await snapshot(data)).toEqual(before);
    } finally {
      await hub.close();
    }
  });

  it('stops quietly when the reader of its output goes away: warroom export ... | head -1', async () => {
    const big = join(scratch, 'big');
    const store = new IncidentLogStore(join(big, 'incidents'));
    await store.append('inc_bench00001', syntheticIncident(4_000));
    await store.close();
    const [command, ...prefix] = warroomArgv();
    const args = [...prefix, 'export', '--incident', 'inc_bench00001', '--format', 'csv', '--data-dir', big];
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn('bash', ['-c', 'set -o pipefail; "$@" | head -1', 'bash', command!, ...args], { cwd: ROOT });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(run.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(run.stdout).toMatch(/^\uFEFF?[a-z]/i);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('refuses to cut a torn last line through a symbolic link, and leaves the file it points at alone', async () => {
    const victim = join(scratch, 'victim.txt');
    await writeFile(victim, 'precious\n{"torn');
    const linked = join(scratch, 'linked');
    await mkdir(join(linked, 'incidents'), { recursive: true });
    await symlink(victim, join(linked, 'incidents', 'inc_linked0001.jsonl'));
    const r = await cli(['log', '--incident', 'inc_linked0001', '--data-dir', linked]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is a symbolic link, not a log: its torn last line was not cut/);
    expect(await readFile(victim, 'utf8')).toBe('precious\n{"torn');
  });
});

describe('shell completion', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('warroom-completion-');
  });
  afterAll(() => cleanupTempDirs());

  async function script(shell: 'bash' | 'zsh'): Promise<string> {
    const r = await cli(['completion', shell]);
    expect(r.code).toBe(0);
    const path = join(dir, shell);
    await writeFile(path, r.stdout + '\n');
    return path;
  }

  function shell(program: string, code: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(program, ['-c', code], { env: { PATH: process.env.PATH, HOME: dir } });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('close', (c) => (c === 0 ? resolve(out) : reject(new Error(`${program} exited ${c}: ${err}`))));
    });
  }

  it("bash completes commands, a command's options and an option's values", async () => {
    const file = await script('bash');
    const complete = (words: string[]) =>
      shell(
        'bash',
        `source ${file}; COMP_WORDS=(${words.map((x) => `'${x}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _warroom; printf '%s\\n' "\${COMPREPLY[@]}"`,
      );
    expect((await complete(['warroom', 'ex'])).trim().split('\n')).toEqual(['export']);
    const postOptions = (await complete(['warroom', 'post', '--'])).trim().split('\n');
    expect(postOptions).toEqual(expect.arrayContaining(['--incident', '--kind', '--text', '--hub', '--token', '--data-dir', '--help']));
    expect(postOptions).not.toContain('--format');
    expect((await complete(['warroom', 'export', '--format', ''])).trim().split('\n').sort()).toEqual(['csv', 'html', 'json', 'md']);
  });

  it.skipIf(missingTool('zsh'))("zsh loads it (compinit) and offers each command's options with their help", async () => {
    const file = await script('zsh');
    await shell('zsh', `zsh -n ${file}`);
    // compinit registers the function; stubs for _arguments/_describe print what the completer would offer.
    const out = await shell(
      'zsh',
      `autoload -U compinit && compinit -u -d ${dir}/zcompdump; source ${file}; print "registered: $_comps[warroom]";
       _arguments() { print -l -- "$@" }; _describe() { print -l -- "\${(@P)4}" };
       words=(warroom post --); CURRENT=3; _warroom; words=(warroom ''); CURRENT=2; _warroom`,
    );
    expect(out).toContain('registered: _warroom');
    expect(out).toMatch(/^--incident\[the incident id \(required\)\]:incident: $/m);
    expect(out).toMatch(/^--kind\[.*\]:kind:\(hypothesis action note\)$/m);
    expect(out).toMatch(/^export:export an incident/m);
  });
});
