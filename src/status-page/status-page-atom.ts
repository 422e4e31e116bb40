import { escapeHtml as esc } from '../export/html-escape.js';
import type { PageView } from './page-view.js';
import { formatUtc } from './page-time.js';
import { PAGE_PATHS, STATUS_WORDS } from './status-page-html.js';

// The status page's history as an Atom 1.0 feed (RFC 4287), one entry per public incident with its updates,
// as Statuspage's own history feed does: a feed reader shows an incident again whenever it gets an update.

/** `origin`: the hub's public address (scheme, host, port), which ids and links are made absolute with. */
export function statusPageAtom(view: PageView, origin: string): string {
  const page = `${origin}${PAGE_PATHS.html}`;
  const updated = new Date(Math.max(view.page.updatedAt, 0)).toISOString();
  const entries = view.incidents.map((i) => {
    const content = i.updates.length
      ? i.updates
          .map((u) => `<p><small>${formatUtc(u.at)}</small><br><strong>${STATUS_WORDS[u.status]}</strong>: ${esc(u.body)}</p>`)
          .join('')
      : `<p><strong>${STATUS_WORDS[i.status]}</strong></p>`;
    return `  <entry>
    <id>${esc(`${page}#${i.id}`)}</id>
    <title>${esc(i.name)}</title>
    <published>${new Date(i.createdAt).toISOString()}</published>
    <updated>${new Date(i.updatedAt).toISOString()}</updated>
    <link rel="alternate" type="text/html" href="${esc(`${page}#${i.id}`)}"/>
    <content type="html">${esc(content)}</content>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <id>${esc(page)}</id>
  <title>${esc(view.page.name)}: incident history</title>
  <updated>${updated}</updated>
  <author><name>${esc(view.page.name)}</name></author>
  <link rel="alternate" type="text/html" href="${esc(page)}"/>
  <link rel="self" type="application/atom+xml" href="${esc(`${origin}${PAGE_PATHS.atom}`)}"/>
${entries.join('\n')}
</feed>
`;
}
