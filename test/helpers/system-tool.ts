import { spawnSync } from 'node:child_process';

/**
 * For a test that needs a system tool (promtool, lintian, systemd-analyze): true when the tool is missing and
 * the test should be skipped. In CI (CI=true) a missing tool is an error instead, since `bash .ci/run`
 * installs every one: a check that silently did not run would be counted as done.
 */
export function missingTool(name: string): boolean {
  const present = spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
  if (!present && process.env.CI) throw new Error(`${name} is not installed: .ci/run installs it on a fresh machine`);
  return !present;
}
