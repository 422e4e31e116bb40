import { X509Certificate } from 'node:crypto';
import { chmod, mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface HubCertificate {
  cert: string;
  key: string;
  /** SHA-256 of the certificate, 64 lowercase hex digits: what a join link carries and a client pins. */
  fingerprint: string;
}

/** SHA-256 fingerprint of a PEM certificate, as links carry it. */
export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256.replace(/:/g, '').toLowerCase();
}

/**
 * The certificate a hub shared from someone's app serves: self-signed, made on first use, kept in the hub's
 * data dir (key 0600) so links handed out stay valid across restarts. No authority vouches for it: the
 * link carries its fingerprint and the client pins that instead.
 */
export async function loadOrCreateCertificate(dataDir: string, now: () => number = Date.now): Promise<HubCertificate> {
  const dir = join(dataDir, 'tls');
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  const existing = await readPair(certPath, keyPath);
  if (existing && new Date(new X509Certificate(existing.cert).validTo).getTime() > now() + 86_400_000) return existing;

  // The CommonJS module's exports object, which both Node's ESM loader and the CLI bundle give as `default`
  // (a named `generate` exists only under Node's loader: the bundle crashed on it).
  const { generate } = (await import('selfsigned')).default;
  const notBeforeDate = new Date(now() - 60_000);
  const made = await generate([{ name: 'commonName', value: 'War Room hub' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + 5 * 365 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writePrivate(keyPath, made.private);
  await writePrivate(certPath, made.cert);
  return { cert: made.cert, key: made.private, fingerprint: fingerprintOf(made.cert) };
}

/** The fingerprint of the self-signed certificate a hub made in `dataDir`, if it made one. */
export async function existingCertificateFingerprint(dataDir: string): Promise<string | null> {
  try {
    return fingerprintOf(await readFile(join(dataDir, 'tls', 'cert.pem'), 'utf8'));
  } catch {
    return null;
  }
}

async function readPair(certPath: string, keyPath: string): Promise<HubCertificate | null> {
  try {
    const [cert, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    return { cert, key, fingerprint: fingerprintOf(cert) };
  } catch {
    return null;
  }
}

async function writePrivate(path: string, text: string): Promise<void> {
  const fh = await open(path, 'w', 0o600);
  try {
    await fh.writeFile(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await chmod(path, 0o600);
}
