import { createHash } from 'node:crypto';
import { pageView, type PageSettings, type PageView } from '../../../src/status-page/page-view.js';
import type { PublicIncident } from '../../../src/status-page/public-incident.js';
import { statusPageAtom } from '../../../src/status-page/status-page-atom.js';
import { statusPageHtml } from '../../../src/status-page/status-page-html.js';
import { STATUSPAGE_DOCUMENTS, type StatuspageDocument } from '../../../src/status-page/statuspage-json.js';

export type PageDocumentName = 'html' | 'atom' | StatuspageDocument;

export interface PageDocument {
  body: Buffer;
  /** A strong validator: the body's SHA-256, so a thousand readers polling an unchanged page get 304s. */
  etag: string;
  contentType: string;
}

/**
 * The public page's incidents (one per public room, as its last fold left it, with the room position it was
 * folded at) and the documents made from them. A document is rendered once per change of the page and then
 * served as bytes: a read costs a lookup and a write, whatever the page holds.
 */
export class StatusPageCache {
  private readonly incidents = new Map<string, { position: number; incident: PublicIncident | null }>();
  private version = 0;
  private rendered = new Map<PageDocumentName, PageDocument>();
  private renderedVersion = -1;
  private renderedSettings = '';

  has(room: string): boolean {
    return this.incidents.has(room);
  }

  positionOf(room: string): number | undefined {
    return this.incidents.get(room)?.position;
  }

  /** What a fold of `room` at `position` found (null: not public); the documents change only when it did. */
  set(room: string, position: number, incident: PublicIncident | null): void {
    const before = this.incidents.get(room);
    this.incidents.set(room, { position, incident });
    if (JSON.stringify(before?.incident ?? null) !== JSON.stringify(incident)) this.version++;
  }

  view(settings: PageSettings): PageView {
    const all = [...this.incidents.values()].map((e) => e.incident).filter((i): i is PublicIncident => i !== null);
    return pageView(settings, all);
  }

  document(name: PageDocumentName, settings: PageSettings, origin: string): PageDocument {
    const key = JSON.stringify([settings, origin]);
    if (this.renderedVersion !== this.version || this.renderedSettings !== key) {
      this.rendered = new Map();
      this.renderedVersion = this.version;
      this.renderedSettings = key;
    }
    let doc = this.rendered.get(name);
    if (!doc) {
      doc = render(name, this.view(settings), origin);
      this.rendered.set(name, doc);
    }
    return doc;
  }
}

function render(name: PageDocumentName, view: PageView, origin: string): PageDocument {
  const [text, contentType] =
    name === 'html'
      ? [statusPageHtml(view), 'text/html; charset=utf-8']
      : name === 'atom'
        ? [statusPageAtom(view, origin), 'application/atom+xml; charset=utf-8']
        : [JSON.stringify(STATUSPAGE_DOCUMENTS[name](view)), 'application/json; charset=utf-8'];
  const body = Buffer.from(text, 'utf8');
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`, contentType };
}
