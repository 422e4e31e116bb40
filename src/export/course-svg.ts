import type { Entry, Hypothesis, IncidentState } from '../model/incident-state.js';
import { severityChanges } from '../incident/key-events.js';
import { milestoneViews } from '../incident/milestones.js';
import { escapeHtml as esc } from './html-escape.js';
import { formatDuration, timeFormatter } from './time-zone.js';

/**
 * The course of an incident as one SVG picture: status phases, severity, each hypothesis from raised to
 * confirmed or ruled out, customer updates as marks, and the milestones as lines across it all.
 *
 * Pure (string in, string out) so the window, the HTML report and the PDF draw the same picture. Text takes
 * `currentColor` and bands carry their own white labels, so it reads on a light page, in a dark window and on
 * paper. It stays legible at any size of log: hypothesis rows are capped (the rest summed up in one line),
 * update marks that would touch are merged into one mark with a count, and labels that would overlap are
 * dropped or merged rather than drawn on top of each other. No script, links or external references.
 */
export interface CourseSvgOptions {
  tz?: string;
  /** Pixel width of the drawing (it scales to its box anyway); 960 by default. */
  width?: number;
  /** Most hypothesis rows drawn; the rest are counted in one line. */
  maxHypotheses?: number;
}

export const STATUS_COLORS: Record<string, string> = {
  investigating: '#c2410c',
  identified: '#a16207',
  monitoring: '#1d4ed8',
  resolved: '#15803d',
};
export const SEVERITY_COLORS: Record<string, string> = { SEV1: '#b91c1c', SEV2: '#c2410c', SEV3: '#a16207', SEV4: '#4b5563' };
const HYPOTHESIS_COLORS: Record<string, string> = {
  confirmed: '#15803d',
  'ruled-out': '#6b7280',
  investigating: '#1d4ed8',
  open: '#1d4ed8',
};
// Mid tones: each reads on white, on the dark window and in print.
const MILESTONE_COLOR = '#8b5cf6';
const UPDATE_COLOR = '#0e7490';

const LABEL_W = 104;
const PAD_R = 14;
const LANE_H = 22;
const ROW_H = 17;
/** Average advance of one character of 11px sans-serif, a little generous so estimates never overlap. */
const CHAR_W = 6.6;

const fit = (text: string, px: number): string => {
  const max = Math.floor(px / CHAR_W);
  if (max < 2) return '';
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
};

/** Tick steps people read easily, from a minute to a week. */
const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080].map((m) => m * 60_000);

type PlacedMilestone = ReturnType<typeof milestoneViews>[number] & { at: number };

/** The picture's time scale and the layers drawn so far; each layer draws at `y` and moves it down. */
interface Course {
  state: IncidentState;
  time: ReturnType<typeof timeFormatter>;
  width: number;
  x0: number;
  x1: number;
  opened: number;
  start: number;
  /** Where the course really ends; `end` is at least a minute after `start` so the scale never divides by zero. */
  endRaw: number;
  end: number;
  x: (ms: number) => number;
  milestones: PlacedMilestone[];
  out: string[];
  y: number;
}

export function courseSvg(state: IncidentState, options: CourseSvgOptions = {}): string {
  const c = courseScale(state, options);
  const msLabels = milestoneLabels(c);
  const labelsTop = c.y;
  c.y += msLabels.length ? 32 : 4;
  const lanesTop = c.y;
  drawStatusLane(c);
  drawSeverityLane(c);
  const hypothesisCount = drawHypotheses(c, options.maxHypotheses ?? 12);
  drawUpdates(c);
  const lanesBottom = c.y;
  const ticks = timeAxis(c, lanesTop, lanesBottom);
  c.y = lanesBottom + 36;
  const zoneNote = `${c.time.human(c.start).slice(0, 10)} · times in ${c.time.zone} · ${formatDuration(c.endRaw - c.start)}${state.status === 'resolved' ? '' : ' so far'}`;
  c.out.push(
    `<text x="${c.x0}" y="${lanesBottom + 30}" fill="currentColor" font-size="10" opacity="0.85">${esc(fit(zoneNote, c.x1 - c.x0))}</text>`,
  );

  // Milestones last, over everything: a line across the lanes and its label above them.
  const msLines = c.milestones.map(
    (m) =>
      `<line class="course-milestone" x1="${c.x(m.at)}" y1="${labelsTop + 26}" x2="${c.x(m.at)}" y2="${lanesBottom}" stroke="${MILESTONE_COLOR}" stroke-width="1.5" stroke-dasharray="3 2"><title>${esc(`${m.label}: ${c.time.human(m.at)}${m.source === 'recorded' && m.by ? ` (set by ${m.by.name})` : m.source ? ` (${m.source})` : ''}`)}</title></line>`,
  );
  const msText = msLabels.map(
    (l) =>
      `<text class="course-milestone-label" x="${l.x}" y="${labelsTop + 10 + l.row * 13}" fill="${MILESTONE_COLOR}" font-weight="600">${esc(l.text)}</text>`,
  );

  const { width, y: height } = c;
  const title = `Course of the incident: ${state.title}`;
  const desc = `${state.statusHistory.map((s) => s.status).join(' → ') || state.status}; ${hypothesisCount} hypotheses; ${state.updates.length} customer updates; milestones: ${c.milestones.map((m) => m.label).join(', ') || 'none recorded'}.`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="course" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="course-title course-desc" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif" font-size="11">`,
    `<title id="course-title">${esc(title)}</title>`,
    `<desc id="course-desc">${esc(desc)}</desc>`,
    ...ticks,
    ...c.out,
    ...msLines,
    ...msText,
    '</svg>',
  ].join('\n');
}

function courseScale(state: IncidentState, options: CourseSvgOptions): Course {
  const time = timeFormatter(options.tz ?? 'UTC');
  const width = Math.max(480, Math.round(options.width ?? 960));
  const milestones = milestoneViews(state).filter((m) => m.at !== null) as PlacedMilestone[];
  const opened = state.openedBy ? state.openedAt : (state.timeline[0]?.at ?? 0);
  const start = Math.min(opened, ...milestones.map((m) => m.at));
  // A resolved incident's picture ends at its resolution (and the last update about it): the review written
  // days later (milestones set, follow-ups added) is not part of the course.
  const lastUpdate = state.updates.at(-1)?.at ?? 0;
  const endRaw =
    state.status === 'resolved' && state.resolvedAt !== null
      ? Math.max(state.resolvedAt, lastUpdate, ...milestones.map((m) => m.at))
      : Math.max(state.lastEventAt, ...milestones.map((m) => m.at));
  const end = Math.max(endRaw, start + 60_000);
  const x0 = LABEL_W;
  const x1 = width - PAD_R;
  const x = (ms: number): number => Math.round((x0 + ((ms - start) / (end - start)) * (x1 - x0)) * 10) / 10;
  return { state, time, width, x0, x1, opened, start, endRaw, end, x, milestones, out: [], y: 8 };
}

/** Milestone labels: two staggered rows above the lanes; a label that would still touch one is merged into it. */
function milestoneLabels({ milestones, x, width }: Course): { x: number; text: string; row: number; right: number }[] {
  const msLabels: { x: number; text: string; row: number; right: number }[] = [];
  for (const m of [...milestones].sort((a, b) => a.at - b.at)) {
    const mx = x(m.at);
    const text = m.label;
    const w = text.length * CHAR_W;
    const left = Math.min(Math.max(mx - w / 2, 2), width - w - 2);
    const row = [0, 1].find((r) => msLabels.filter((l) => l.row === r).every((l) => l.right + 6 <= left));
    if (row !== undefined) msLabels.push({ x: left, text, row, right: left + w });
    else {
      const last = msLabels[msLabels.length - 1]!;
      last.text += ` · ${text}`;
      last.right = last.x + last.text.length * CHAR_W;
    }
  }
  return msLabels;
}

function lane({ out, y }: Course, label: string, h: number): void {
  out.push(`<text class="course-lane" x="8" y="${y + h / 2 + 4}" fill="currentColor" font-weight="600">${esc(label)}</text>`);
}

function band({ out, y, x, time }: Course, from: number, to: number, color: string, label: string, cls: string): void {
  const bx = x(from);
  const bw = Math.max(1, x(to) - bx);
  const t = fit(label, bw - 8);
  out.push(
    `<rect class="${cls}" x="${bx}" y="${y + 2}" width="${bw}" height="${LANE_H - 4}" rx="2" fill="${color}"><title>${esc(`${label}: ${time.human(from)} – ${time.human(to)}`)}</title></rect>`,
  );
  if (t) out.push(`<text x="${bx + 4}" y="${y + LANE_H / 2 + 4}" fill="#fff">${esc(t)}</text>`);
}

function drawStatusLane(c: Course): void {
  const { state, opened, end } = c;
  lane(c, 'Status', LANE_H);
  const statuses = state.statusHistory.length ? state.statusHistory : [{ status: state.status, at: opened, by: null }];
  statuses.forEach((s, i) =>
    band(c, s.at, statuses[i + 1]?.at ?? end, STATUS_COLORS[s.status] ?? '#4b5563', s.status, `course-status status-${s.status}`),
  );
  c.y += LANE_H;
}

function drawSeverityLane(c: Course): void {
  const { state, opened, end } = c;
  lane(c, 'Severity', LANE_H);
  const severities = severityChanges(state);
  const sev = severities.length ? severities : [{ severity: state.severity, at: opened }];
  sev.forEach((s, i) =>
    band(
      c,
      i === 0 ? Math.min(s.at, opened) : s.at,
      sev[i + 1]?.at ?? end,
      SEVERITY_COLORS[s.severity] ?? '#4b5563',
      s.severity,
      `course-severity severity-${s.severity}`,
    ),
  );
  c.y += LANE_H;
}

/** Hypotheses, one row each: a bar from raised to settled (or to the end while still open). Returns how many live ones there are. */
function drawHypotheses(c: Course, maxHypotheses: number): number {
  const { state, out, x0, x1 } = c;
  const live = (h: Entry | undefined): h is Hypothesis => h?.kind === 'hypothesis' && h.retracted === null;
  const all = state.hypotheses.map((id) => state.entries[id]).filter(live);
  // Confirmed first (the story's end), then the most recent activity: the rows a reader most needs.
  const rank = (h: Hypothesis) => (h.status === 'confirmed' ? 0 : h.status === 'investigating' ? 1 : h.status === 'open' ? 2 : 3);
  const shown = [...all]
    .sort((a, b) => rank(a) - rank(b) || (b.statusAt ?? b.createdAt) - (a.statusAt ?? a.createdAt))
    .slice(0, maxHypotheses);
  shown.sort((a, b) => a.createdAt - b.createdAt);
  const hidden = all.length - shown.length;

  const hypTop = c.y;
  if (all.length === 0) {
    lane(c, 'Hypotheses', ROW_H);
    out.push(`<text x="${x0}" y="${c.y + ROW_H / 2 + 4}" fill="currentColor" opacity="0.75">No hypotheses recorded</text>`);
    c.y += ROW_H;
  } else {
    out.push(`<text class="course-lane" x="8" y="${c.y + ROW_H / 2 + 4}" fill="currentColor" font-weight="600">Hypotheses</text>`);
    for (const h of shown) drawHypothesisRow(c, h);
    if (hidden > 0) {
      const count = (s: string) => all.filter((h) => !shown.includes(h) && h.status === s).length;
      const parts = [
        ['ruled-out', 'ruled out'],
        ['open', 'open'],
        ['investigating', 'under investigation'],
        ['confirmed', 'confirmed'],
      ]
        .map(([s, label]) => [count(s!), label] as const)
        .filter(([n]) => n > 0)
        .map(([n, label]) => `${n} ${label}`);
      out.push(
        `<text class="course-more" x="${x0}" y="${c.y + ROW_H / 2 + 4}" fill="currentColor" opacity="0.8">+ ${hidden} more hypotheses (${esc(parts.join(', '))})</text>`,
      );
      c.y += ROW_H;
    }
  }
  // The shading goes first, under every layer.
  out.splice(0, 0, `<rect x="${x0}" y="${hypTop}" width="${x1 - x0}" height="${c.y - hypTop}" fill="currentColor" opacity="0.04"/>`);
  return all.length;
}

function drawHypothesisRow(c: Course, h: Hypothesis): void {
  const { out, x, x0, x1 } = c;
  const settled = h.status === 'confirmed' || h.status === 'ruled-out';
  const hx = x(h.createdAt);
  const hEnd = settled ? x(h.statusAt ?? h.createdAt) : x1;
  const color = HYPOTHESIS_COLORS[h.status] ?? '#1d4ed8';
  const cy = c.y + ROW_H / 2;
  out.push(`<g class="course-hypothesis hypothesis-${h.status}">`);
  out.push(`<title>${esc(`${h.text} — ${h.status}${h.evidence ? `: ${h.evidence}` : ''}`)}</title>`);
  out.push(
    `<line x1="${hx}" y1="${cy}" x2="${Math.max(hEnd, hx + 2)}" y2="${cy}" stroke="${color}" stroke-width="5" stroke-linecap="round"${settled ? '' : ' stroke-dasharray="6 3"'}/>`,
  );
  if (h.status === 'confirmed') out.push(`<circle cx="${hEnd}" cy="${cy}" r="5" fill="${color}"/>`);
  if (h.status === 'ruled-out')
    out.push(
      `<path d="M${hEnd - 4} ${cy - 4}L${hEnd + 4} ${cy + 4}M${hEnd - 4} ${cy + 4}L${hEnd + 4} ${cy - 4}" stroke="${color}" stroke-width="2"/>`,
    );
  // The label sits after the bar's end when there is room, else before its start.
  const room = x1 - hEnd - 10;
  const verdict = h.status === 'confirmed' ? 'confirmed: ' : h.status === 'ruled-out' ? 'ruled out: ' : '';
  if (room >= 120) out.push(`<text x="${hEnd + 10}" y="${cy + 4}" fill="currentColor">${esc(fit(verdict + h.text, room))}</text>`);
  else
    out.push(`<text x="${hx - 8}" y="${cy + 4}" fill="currentColor" text-anchor="end">${esc(fit(verdict + h.text, hx - 8 - x0))}</text>`);
  out.push('</g>');
  c.y += ROW_H;
}

/** Customer updates: a diamond per update; diamonds closer than 12px merge into one mark with a count above it. */
function drawUpdates(c: Course): void {
  const { state, out, x, x0, time } = c;
  const UPDATES_H = 30;
  lane(c, 'Updates', UPDATES_H + 8);
  const marks: { x: number; n: number; first: number; last: number }[] = [];
  for (const u of state.updates) {
    const ux = x(u.at);
    const prev = marks[marks.length - 1];
    if (prev && ux - prev.x < 12) {
      prev.n++;
      prev.last = u.at;
    } else marks.push({ x: ux, n: 1, first: u.at, last: u.at });
  }
  const cy = c.y + UPDATES_H - 7;
  if (marks.length === 0) out.push(`<text x="${x0}" y="${cy + 4}" fill="currentColor" opacity="0.75">No customer update published</text>`);
  let lastCountRight = -Infinity;
  for (const m of marks) {
    const tip =
      m.n === 1 ? `Customer update ${time.human(m.first)}` : `${m.n} customer updates, ${time.human(m.first)} – ${time.human(m.last)}`;
    out.push(
      `<path class="course-update" d="M${m.x} ${cy - 6}L${m.x + 6} ${cy}L${m.x} ${cy + 6}L${m.x - 6} ${cy}Z" fill="${UPDATE_COLOR}"><title>${esc(tip)}</title></path>`,
    );
    const label = `${m.n}`;
    if (m.n > 1 && m.x - (label.length * CHAR_W) / 2 > lastCountRight + 2) {
      out.push(`<text x="${m.x}" y="${cy - 9}" fill="currentColor" font-size="10" text-anchor="middle">${label}</text>`);
      lastCountRight = m.x + (label.length * CHAR_W) / 2;
    }
  }
  c.y += UPDATES_H;
}

/** Time axis: ticks every "nice" step, at least 70px apart, labelled in the export's zone. */
function timeAxis({ x, x0, x1, start, end, time }: Course, lanesTop: number, lanesBottom: number): string[] {
  const step = STEPS.find((s) => ((x1 - x0) * s) / (end - start) >= 70) ?? STEPS[STEPS.length - 1]!;
  const ticks: string[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) {
    const tx = x(t);
    const human = time.human(t);
    const label = step >= 1440 * 60_000 ? human.slice(5, 10) : human.slice(11, 16);
    ticks.push(`<line x1="${tx}" y1="${lanesTop}" x2="${tx}" y2="${lanesBottom + 4}" stroke="currentColor" stroke-opacity="0.15"/>`);
    ticks.push(`<text x="${tx}" y="${lanesBottom + 16}" fill="currentColor" text-anchor="middle" font-size="10">${label}</text>`);
  }
  return ticks;
}
