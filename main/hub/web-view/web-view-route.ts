import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';

/** Where the hub serves the browser view; a viewer link is `<hub>/view/#<viewer token>`. */
export const WEB_VIEW_PATH = '/view/';

/**
 * The page's policy, sent as a header (a meta tag cannot carry frame-ancestors): its own scripts and styles only,
 * no inline script, connections only back to this hub (the Socket.IO websocket), never framed.
 */
export const WEB_VIEW_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** An asset's file name as vite writes it: no directories, no dots but the extension's, nothing to escape with. */
const ASSET_NAME = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.(?:js|css|svg|png|woff2)$/;

/**
 * Serves the built web view (`npm run build` writes it to dist/web-view): GET /view/ is its page, GET
 * /view/assets/NAME its scripts and styles; nothing else under `dir` is reachable. The invite travels in the
 * URL's fragment, which browsers never send, so no request line or log here ever holds it.
 */
export function webViewRoute(dir: string): (req: IncomingMessage, res: ServerResponse) => boolean {
  const cache = new Map<string, Promise<Buffer | null>>();
  const load = (file: string): Promise<Buffer | null> => {
    let loading = cache.get(file);
    if (!loading) {
      loading = readFile(join(dir, file)).catch(() => null);
      cache.set(file, loading);
    }
    return loading;
  };
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path !== '/view' && !path.startsWith(WEB_VIEW_PATH)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, 'text/plain; charset=utf-8', 'GET only\n');
    if (path === '/view') {
      res.writeHead(308, { location: WEB_VIEW_PATH, 'cache-control': 'no-store' });
      res.end();
      return true;
    }
    const rest = path.slice(WEB_VIEW_PATH.length);
    const file = rest === '' || rest === 'index.html' ? 'index.html' : rest.startsWith('assets/') ? rest : null;
    const name = file?.slice('assets/'.length);
    if (file === null || (file !== 'index.html' && !ASSET_NAME.test(name ?? '')))
      return answer(res, 404, 'text/plain; charset=utf-8', 'not found\n');
    void load(file).then((body) => {
      if (!body)
        return answer(
          res,
          404,
          'text/plain; charset=utf-8',
          'the web view is not built into this hub: npm run build, or install a release\n',
        );
      answer(
        res,
        200,
        TYPES[extname(file)] ?? 'application/octet-stream',
        body,
        file === 'index.html' ? 'no-store' : 'public, max-age=31536000, immutable',
      );
    });
    return true;
  };
}

function answer(res: ServerResponse, status: number, type: string, body: string | Buffer, cache = 'no-store'): true {
  if (res.headersSent) return true;
  res.writeHead(status, {
    'content-type': type,
    'cache-control': cache,
    'content-security-policy': WEB_VIEW_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
  return true;
}
