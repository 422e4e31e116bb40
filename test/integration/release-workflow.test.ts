import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';

const run = promisify(execFile);
const WORKFLOW = '.github/workflows/release.yml';
// action-validator: GitHub's workflow schema (SchemaStore), checked offline, from npm.
const validate = (file: string) => run(process.execPath, ['node_modules/@action-validator/cli/cli.mjs', file]);

// The release workflow cannot run here (no GitHub runners, no registry to publish to): what can be checked is
// that GitHub would accept it, and that it does what a release needs.
describe('the release workflow', () => {
  let text: string;
  let dir: { path: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    text = await readFile(WORKFLOW, 'utf8');
    dir = await tempDir('warroom-workflow-');
  });
  afterAll(() => dir?.cleanup());

  it('is a valid GitHub Actions workflow, and the validator does catch a broken one', async () => {
    await expect(validate(WORKFLOW)).resolves.toBeDefined();
    const broken = join(dir.path, '.github', 'workflows', 'release.yml');
    await mkdir(join(dir.path, '.github', 'workflows'), { recursive: true });
    await writeFile(broken, text.replace('runs-on: ubuntu-latest', 'run-on: ubuntu-latest'));
    const refused = await validate(broken).then(
      () => null,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(refused?.code).toBe(1);
    expect(`${refused?.stdout}${refused?.stderr}`).toContain("Additional property 'run-on' is not allowed");
  });

  it('runs on version tags; builds on Linux, Windows and macOS runners; signs with secrets when present', () => {
    expect(text).toMatch(/on:\n {2}push:\n {4}tags: \['v\*\.\*\.\*'\]/);
    for (const os of ['ubuntu-latest', 'windows-latest', 'macos-latest']) expect(text).toContain(`os: ${os}`);
    expect(text).toContain('npm run dist -- ${{ matrix.targets }} --publish never');
    for (const secret of ['CSC_LINK', 'WIN_CSC_LINK', 'APPLE_ID']) expect(text).toContain(`\${{ secrets.${secret} }}`);
    expect(text).toContain('WARROOM_UPDATE_URL: ${{ vars.WARROOM_UPDATE_URL }}');
  });

  it('publishes @war-room/cli with provenance, tested as a tarball first, and uploads the feed after the installers', () => {
    expect(text).toMatch(/id-token: write/);
    expect(text).toContain('npm publish --provenance --access public');
    expect(text.indexOf('npm run test:installed')).toBeLessThan(text.indexOf('npm publish'));
    expect(text).toMatch(
      /for f in release\/\*; do case "\$f" in \*\.yml\) ;; \*\) upload "\$f" ;; esac; done\n\s+for f in release\/latest\*\.yml; do upload "\$f"; done/,
    );
  });
});
