import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isAllowedExternalUrl, windowOptions } from '../../main/electron/window-security.js';

describe('window security', () => {
  it('isolates and sandboxes every window, with no Node in the renderer', () => {
    const prefs = windowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('has a strict CSP: nothing remote, no inline script, no eval', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    );
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(directives['object-src']).toEqual(["'none'"]);
  });

  it('ships the same CSP in the renderer page itself', async () => {
    const html = await readFile('renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
  });

  it('opens only plain https and mailto links externally', () => {
    expect(isAllowedExternalUrl('https://status.example.com/incidents/42')).toBe(true);
    expect(isAllowedExternalUrl('mailto:ops@example.com')).toBe(true);
    for (const bad of [
      'http://example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://user:pw@example.com',
      'smb://host/share',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(bad)).toBe(false);
    }
  });
});
