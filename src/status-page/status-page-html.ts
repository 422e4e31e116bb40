import { escapeHtml as esc } from '../export/html-escape.js';
import { COMPONENT_LABELS } from '../kinds/status-page.js';
import type { IncidentStatus } from '../model/vocabulary.js';
import type { PageView } from './page-view.js';
import { formatUtc } from './page-time.js';
import type { PublicIncident } from './public-incident.js';
import { STATUS_PAGE_CSS } from './status-page-css.js';

// The public status page as one HTML document: readable on a phone, no script, one inline style sheet, every
// text from the room escaped. Pure: view in, string out.

export const STATUS_WORDS: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

export const PAGE_PATHS = { html: '/status', atom: '/status/feed.atom', summary: '/api/v2/summary.json' } as const;

const time = (ms: number): string => `<time datetime="${new Date(ms).toISOString()}">${formatUtc(ms)}</time>`;

export function statusPageHtml(view: PageView): string {
  const active = view.incidents.filter((i) => i.status !== 'resolved');
  const past = view.incidents.filter((i) => i.status === 'resolved');
  const name = esc(view.page.name);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${name}: ${esc(view.description)}</title>
<link rel="alternate" type="application/atom+xml" title="${name} incident history" href="${PAGE_PATHS.atom}">
<style>${STATUS_PAGE_CSS}</style>
</head>
<body>
<header class="top"><div class="wrap"><h1>${name}</h1></div></header>
<main class="wrap">
<section class="overall ${view.indicator}" aria-label="Overall status">
<p class="headline">${esc(view.description)}</p>
<p class="muted">${view.page.updatedAt > 0 ? `Last change ${time(view.page.updatedAt)}` : 'No incidents reported'}</p>
</section>
${componentsHtml(view)}
<section aria-labelledby="active-title">
<h2 id="active-title">Current incidents</h2>
${active.length ? active.map(incidentHtml).join('\n') : '<p class="empty">No incidents right now.</p>'}
</section>
<section aria-labelledby="past-title">
<h2 id="past-title">Past incidents</h2>
${past.length ? past.map(incidentHtml).join('\n') : '<p class="empty">No past incidents to show.</p>'}
</section>
<footer class="muted">Follow it: <a href="${PAGE_PATHS.atom}">Atom feed</a> · <a href="${PAGE_PATHS.summary}">JSON (Statuspage API v2)</a>. All times are in UTC.</footer>
</main>
</body>
</html>
`;
}

function componentsHtml(view: PageView): string {
  if (view.components.length === 0) return '';
  const rows = view.components
    .map((c) => `<li><span>${esc(c.name)}</span> <span class="st st-${c.status}">${COMPONENT_LABELS[c.status]}</span></li>`)
    .join('\n');
  return `<section aria-labelledby="components-title">\n<h2 id="components-title">Components</h2>\n<ul class="components">\n${rows}\n</ul>\n</section>`;
}

function incidentHtml(i: PublicIncident): string {
  const updates = i.updates.length
    ? `<ol class="updates">\n${i.updates
        .map(
          (u) =>
            `<li><p class="body"><strong>${STATUS_WORDS[u.status]}</strong>: ${esc(u.body)}</p><p class="muted">${time(u.at)}</p></li>`,
        )
        .join('\n')}\n</ol>`
    : '<p class="muted">No update published yet.</p>';
  const since = i.status === 'resolved' && i.resolvedAt !== null ? `resolved ${time(i.resolvedAt)}` : `since ${time(i.createdAt)}`;
  const cls = i.status === 'resolved' ? 'resolved' : `impact-${i.impact}`;
  return `<article class="incident ${cls}" id="${esc(i.id)}" aria-labelledby="${esc(i.id)}-title">
<h3 id="${esc(i.id)}-title">${esc(i.name)}</h3>
<p class="muted">${STATUS_WORDS[i.status]} · ${since}</p>
${updates}
</article>`;
}
