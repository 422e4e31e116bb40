// The public page's only style sheet, inline (no request, no script); the hub's Content-Security-Policy allows
// exactly this text by its hash. Light and dark follow the reader's system; every colour pair keeps at least
// 4.5:1 contrast, and no status is told by colour alone (each has its words).
export const STATUS_PAGE_CSS = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --card: #f6f8fa;
  --ok: #1a7f37; --minor: #7d5600; --major: #a33f00; --critical: #c1121f; --maint: #0757b8; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9da7b3; --line: #30363d; --card: #161b22;
    --ok: #3fb950; --minor: #d29922; --major: #f0883e; --critical: #ff7b72; --maint: #6cb6ff; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
a { color: var(--maint); }
.wrap { max-width: 52rem; margin: 0 auto; padding: 1rem; }
header.top { border-bottom: 1px solid var(--line); }
h1 { font-size: 1.5rem; margin: 0.5rem 0; overflow-wrap: anywhere; }
h2 { font-size: 1.15rem; margin: 1.75rem 0 0.5rem; }
h3 { font-size: 1.05rem; margin: 0 0 0.25rem; overflow-wrap: anywhere; }
.overall { margin: 1rem 0; padding: 0.9rem 1rem; border: 1px solid var(--line); border-left: 0.5rem solid var(--ok); border-radius: 6px; background: var(--card); }
.overall.minor { border-left-color: var(--minor); } .overall.major { border-left-color: var(--major); } .overall.critical { border-left-color: var(--critical); }
.overall p { margin: 0; } .overall .headline { font-size: 1.2rem; font-weight: 600; }
.muted { color: var(--muted); font-size: 0.9rem; }
ul.components { list-style: none; margin: 0; padding: 0; border: 1px solid var(--line); border-radius: 6px; }
ul.components li { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0.25rem 1rem; padding: 0.6rem 1rem; border-top: 1px solid var(--line); }
ul.components li:first-child { border-top: 0; }
.st { font-weight: 600; }
.st-operational { color: var(--ok); } .st-degraded_performance { color: var(--minor); } .st-partial_outage { color: var(--major); }
.st-major_outage { color: var(--critical); } .st-under_maintenance { color: var(--maint); }
.incident { margin: 0.75rem 0; padding: 0.9rem 1rem; border: 1px solid var(--line); border-radius: 6px; }
.incident.impact-minor { border-left: 0.35rem solid var(--minor); } .incident.impact-major { border-left: 0.35rem solid var(--major); }
.incident.impact-critical { border-left: 0.35rem solid var(--critical); } .incident.resolved { border-left: 0.35rem solid var(--ok); }
ol.updates { list-style: none; margin: 0.5rem 0 0; padding: 0; }
ol.updates li { padding: 0.5rem 0; border-top: 1px solid var(--line); }
.body { margin: 0.1rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.empty { padding: 0.75rem 1rem; border: 1px dashed var(--line); border-radius: 6px; }
footer { margin: 2rem 0 1rem; padding-top: 0.75rem; border-top: 1px solid var(--line); }
`;
