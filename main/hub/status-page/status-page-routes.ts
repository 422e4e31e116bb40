import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_PAGE_CSS } from '../../../src/status-page/status-page-css.js';
import type { PageDocument, PageDocumentName } from './status-page-cache.js';

/** The public paths: the page, its Atom feed, and Statuspage's public API (v2). No token: they are public. */
export const PUBLIC_PATHS: Readonly<Record<string, PageDocumentName>> = {
  '/status': 'html',
  '/status/': 'html',
  '/status/feed.atom': 'atom',
  '/history.atom': 'atom',
  '/api/v2/summary.json': 'summary.json',
  '/api/v2/status.json': 'status.json',
  '/api/v2/components.json': 'components.json',
  '/api/v2/incidents.json': 'incidents.json',
  '/api/v2/incidents/unresolved.json': 'incidents/unresolved.json',
  '/api/v2/scheduled-maintenances.json': 'scheduled-maintenances.json',
};

/** Longer request targets are refused before anything else is looked at. */
export const MAX_URL_LENGTH = 2048;
/** Readers may keep a copy this long; after that an If-None-Match costs the hub a 304. */
export const CACHE_CONTROL = 'public, max-age=10';

const STYLE_HASH = createHash('sha256').update(STATUS_PAGE_CSS).digest('base64');
/** The page runs nothing: no script, no frames, no forms; only its own inline style sheet, allowed by its hash. */
export const STATUS_PAGE_CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/**
 * Answers the public status page's requests; returns false for any other path (the hub's other routes then
 * answer). GET and HEAD only, conditional requests by ETag, a body never read, the same bytes for every reader.
 */
export function statusPageRoutes(document: (name: PageDocumentName) => Promise<PageDocument>) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = req.url ?? '/';
    if (url.length > MAX_URL_LENGTH) {
      plain(res, 414, `request target longer than ${MAX_URL_LENGTH} characters\n`);
      return true;
    }
    const path = url.split('?')[0]!;
    const name = Object.hasOwn(PUBLIC_PATHS, path) ? PUBLIC_PATHS[path] : undefined;
    if (name === undefined) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      plain(res, 405, 'the status page is read-only: GET or HEAD\n');
      return true;
    }
    document(name).then(
      (doc) => send(req, res, name, doc),
      () => plain(res, 503, 'the status page is not available right now; try again shortly\n'),
    );
    return true;
  };
}

function send(req: IncomingMessage, res: ServerResponse, name: PageDocumentName, doc: PageDocument): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = {
    etag: doc.etag,
    'cache-control': CACHE_CONTROL,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  // Status widgets on other sites read the JSON and the feed from the browser.
  if (name !== 'html') headers['access-control-allow-origin'] = '*';
  else headers['content-security-policy'] = STATUS_PAGE_CSP;
  const tags = (req.headers['if-none-match'] ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (tags.includes(doc.etag) || tags.includes('*')) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'content-type': doc.contentType, 'content-length': String(doc.body.length) });
  res.end(req.method === 'HEAD' ? undefined : doc.body);
}

function plain(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}
