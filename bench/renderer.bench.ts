import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { deserialize, serialize } from 'node:v8';
import { chromium, type Browser, type Page } from '@playwright/test';
import { incidentsDir } from '../main/services/data-dir.js';
import type { WarEvent } from '../src/kinds/event.js';
import { startTeammate, type Teammate } from '../test/e2e/teammate.js';
import { ensureRendererBuilt, serveRenderer } from './renderer-server.js';
import { syntheticIncident, toJsonLines } from './synthetic-incident.js';
import { percentile, type BenchOptions, type BenchRow } from './table.js';

const FULL = { id: 'inc_benchlarge1', title: 'Bench: fifty thousand entries', n: 50_000 };
const SMALL = { id: 'inc_benchsmall1', title: 'Bench: fifty entries', n: 50 };
type BenchIncident = typeof FULL;

const LIVE_ENTRIES = 20;
const LIVE_TIMEOUT_MS = 10_000;
const SCROLL_FRAMES = 120;
/** About two rows a frame, 7,200 px/s at 60 Hz: a brisk wheel or trackpad scroll. */
const SCROLL_STEP_PX = 120;

const log = (line: string): void => void process.stderr.write(`bench: renderer: ${line}\n`);
const median = (xs: number[]): number => percentile(xs, 50);

/**
 * The page's globals as the in-page functions below use them. This file is type-checked without the DOM lib
 * (it runs in Node); these functions run in Chromium, where globalThis is the window.
 */
interface PageElement {
  textContent: string | null;
  click(): void;
  getBoundingClientRect(): { top: number; bottom: number };
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
}
interface PageGlobals {
  document: { querySelector(selector: string): PageElement | null; querySelectorAll(selector: string): Iterable<PageElement> };
  requestAnimationFrame(callback: (t: number) => void): number;
  setTimeout(callback: () => void, ms: number): number;
  performance: { now(): number };
  warroom: { invoke(channel: string, payload: unknown): Promise<unknown> };
  /** The e2e fixture's binding behind window.warroom.invoke: JSON text both ways. */
  __warroomInvoke: (channel: string, payload: string | undefined) => Promise<string>;
  __benchSeen?: (marker: string) => Promise<void>;
}

function writeIncident(dataDir: string, incident: BenchIncident): Promise<void> {
  const events = syntheticIncident(incident.n, incident.id);
  const opened = events[0]!;
  events[0] = { ...opened, data: { ...(opened.data as Record<string, unknown>), title: incident.title } } as WarEvent;
  return writeFile(join(incidentsDir(dataDir), `${incident.id}.jsonl`), toJsonLines(events));
}

interface OpenTiming {
  /** Click to the newest entry painted. */
  total: number;
  /** Click to the incident's events arriving in the page (main's answer, through the harness's IPC). */
  arrived: number;
}

/**
 * Clicks the incident in the list and times, in the page, until its newest entry (where the timeline opens)
 * is on screen and painted: found in a frame's rAF, then a task after that frame's paint. Also notes when
 * main's answer reached the page, to tell the harness's transport from the renderer's own work.
 */
async function timeOpen(page: Page, incident: BenchIncident): Promise<OpenTiming> {
  await page.reload();
  await page.locator('button.incident-item', { hasText: incident.title }).waitFor();
  return page.evaluate(
    ({ title, last }) =>
      new Promise<OpenTiming>((resolveOpen, rejectOpen) => {
        const g = globalThis as unknown as PageGlobals;
        const button = [...g.document.querySelectorAll('button.incident-item')].find((b) => b.textContent?.includes(title));
        if (!button) return rejectOpen(new Error(`no incident "${title}" in the list`));
        let arrived = NaN;
        let t0 = 0;
        const binding = g.__warroomInvoke;
        g.__warroomInvoke = async (channel, payload) => {
          const answer = await binding(channel, payload);
          if (channel === 'incident:open') arrived = g.performance.now() - t0;
          return answer;
        };
        t0 = g.performance.now();
        button.click();
        const frame = () => {
          const scroller = g.document.querySelector('[data-testid="timeline-scroll"]');
          const row = scroller?.querySelector(`li[data-index="${last}"]`);
          if (scroller && row) {
            const box = scroller.getBoundingClientRect();
            const r = row.getBoundingClientRect();
            if (r.bottom > box.top && r.top < box.bottom)
              return void g.setTimeout(() => resolveOpen({ total: g.performance.now() - t0, arrived }), 0);
          }
          if (g.performance.now() - t0 > 30_000) return rejectOpen(new Error(`the newest of ${last + 1} entries never showed`));
          g.requestAnimationFrame(frame);
        };
        g.requestAnimationFrame(frame);
      }) as Promise<OpenTiming>,
    { title: incident.title, last: incident.n - 1 },
  ) as Promise<OpenTiming>;
}

/** The baseline: the incident's events reaching the page through the same IPC (main's handler, the harness, JSON.parse), and nothing else. */
async function timeEventsArriving(page: Page, incident: BenchIncident): Promise<number> {
  return page.evaluate(async (id) => {
    const g = globalThis as unknown as PageGlobals;
    const t0 = g.performance.now();
    const answer = (await g.warroom.invoke('incident:open', { incident: id })) as { ok: boolean; value?: { events: { rows: unknown[] } } };
    if (!answer.ok || !answer.value?.events.rows.length) throw new Error(`incident:open ${id} failed`);
    return g.performance.now() - t0;
  }, incident.id);
}

/** Watches the timeline, frame by frame, for a row containing `marker`; tells Node once it is painted. */
function watchFor(page: Page, marker: string): Promise<void> {
  // Constants go in as arguments: this function's text runs in the page, apart from this module.
  return page.evaluate(
    ({ m, timeout }) => {
      const g = globalThis as unknown as PageGlobals;
      const giveUpAt = g.performance.now() + timeout;
      const frame = () => {
        const rows = g.document.querySelector('[data-testid="timeline-scroll"]')?.querySelectorAll('article') ?? [];
        for (const row of rows) if (row.textContent?.includes(m)) return void g.setTimeout(() => void g.__benchSeen?.(m), 0);
        if (g.performance.now() < giveUpAt) g.requestAnimationFrame(frame);
      };
      g.requestAnimationFrame(frame);
    },
    { m: marker, timeout: LIVE_TIMEOUT_MS },
  );
}

/** warRoom.record in this process until the page has painted the new row: the whole road a new entry takes. */
async function timeNewEntries(teammate: Teammate, incident: BenchIncident, seen: Map<string, () => void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < LIVE_ENTRIES; i++) {
    const marker = `bench live entry ${incident.n}-${i}`;
    const shown = new Promise<void>((resolveShown, rejectShown) => {
      const timer = setTimeout(() => rejectShown(new Error(`"${marker}" was not shown within ${LIVE_TIMEOUT_MS} ms`)), LIVE_TIMEOUT_MS);
      seen.set(marker, () => {
        clearTimeout(timer);
        resolveShown();
      });
    });
    await watchFor(teammate.page, marker);
    const t0 = performance.now();
    const r = await teammate.warRoom.record(incident.id, 'note.added', { text: marker });
    if (!r.ok) throw new Error(r.error);
    await shown;
    times.push(performance.now() - t0);
    // A person types one entry at a time; leave the page a few frames between them.
    await new Promise((r) => setTimeout(r, 50));
  }
  return times;
}

/** rAF frame durations in the page: `scrollStep` px added to the timeline's scrollTop every frame, or idle at 0. */
function frameTimes(page: Page, scrollStep: number): Promise<number[]> {
  return page.evaluate(
    ({ frames, step }) =>
      new Promise<number[]>((resolveFrames) => {
        const g = globalThis as unknown as PageGlobals;
        const scroller = g.document.querySelector('[data-testid="timeline-scroll"]')!;
        if (step) scroller.scrollTop = scroller.scrollHeight / 4;
        const durations: number[] = [];
        let last = -1;
        const frame = () => {
          const now = g.performance.now();
          if (last >= 0) durations.push(now - last);
          last = now;
          if (durations.length >= frames) return resolveFrames(durations);
          if (step) scroller.scrollTop += step;
          g.requestAnimationFrame(frame);
        };
        g.requestAnimationFrame(frame);
      }) as Promise<number[]>,
    { frames: SCROLL_FRAMES, step: scrollStep },
  ) as Promise<number[]>;
}

async function openAndSettle(page: Page, incident: BenchIncident): Promise<void> {
  await timeOpen(page, incident);
  // Let the mount's follow-up work (measuring rows, deferred renders) finish before the next measurement.
  await page.waitForTimeout(300);
}

/**
 * The renderer in Chromium against the real main-process services (the e2e teammate fixture): first timeline
 * paint with 50,000 entries, one new entry shown with 50,000 present, and scroll frame times.
 */
export async function benchRenderer({ quick }: BenchOptions): Promise<BenchRow[]> {
  const LARGE = quick ? { ...FULL, title: 'Bench: two thousand entries', n: 2_000 } : FULL;
  const OPEN_RUNS = quick ? 1 : 3;
  const large = LARGE.n.toLocaleString('en');
  await ensureRendererBuilt(log);
  const server = await serveRenderer();
  let browser: Browser | undefined;
  let teammate: Teammate | undefined;
  try {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    teammate = await startTeammate(browser, {
      name: 'Bench',
      prepare: async (dataDir) => {
        await mkdir(incidentsDir(dataDir), { recursive: true });
        await writeIncident(dataDir, LARGE);
        await writeIncident(dataDir, SMALL);
      },
      // Timed: opening on the timeline, as for someone who was here a moment ago (a first visit shows the catch-up view).
      seenRecently: [LARGE.id, SMALL.id],
      contextOptions: { baseURL: server.url, viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
    });
    const { page } = teammate;
    const seen = new Map<string, () => void>();
    await page.exposeFunction('__benchSeen', (marker: string) => seen.get(marker)?.());

    // Each open starts from a freshly loaded page, as a person opening the app and clicking the incident.
    log(`first timeline paint, ${OPEN_RUNS} runs each of ${SMALL.n} and ${LARGE.n.toLocaleString('en')} entries`);
    const openSmall: OpenTiming[] = [];
    const openLarge: OpenTiming[] = [];
    const arriving: number[] = [];
    if (process.env.WARROOM_BENCH_PROFILE) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      await timeOpen(page, LARGE);
      const { profile } = await cdp.send('Profiler.stop');
      await (await import('node:fs/promises')).writeFile(process.env.WARROOM_BENCH_PROFILE, JSON.stringify(profile));
    }
    for (let i = 0; i < OPEN_RUNS; i++) {
      openSmall.push(await timeOpen(page, SMALL));
      openLarge.push(await timeOpen(page, LARGE));
      arriving.push(await timeEventsArriving(page, LARGE));
    }
    // What Electron's IPC does with the same answer instead (a structured clone), for the reader of the figures.
    const answer = await teammate.handlers['incident:open']({ incident: LARGE.id });
    const cloning: number[] = [];
    for (let i = 0; i < OPEN_RUNS; i++) {
      const t = performance.now();
      deserialize(serialize(answer));
      cloning.push(performance.now() - t);
    }
    const afterArrival = (runs: OpenTiming[]) => runs.map((r) => r.total - r.arrived);
    const ms = (xs: number[]) => xs.map((t) => t.toFixed(0)).join(', ');
    log(
      `open ${LARGE.n} entries: painted after ${ms(openLarge.map((r) => r.total))} ms, of which the events arriving ${ms(openLarge.map((r) => r.arrived))} ms`,
    );
    log(
      `open ${SMALL.n} entries: painted after ${ms(openSmall.map((r) => r.total))} ms; ${LARGE.n} events arriving alone: ${ms(arriving)} ms; structured clone of the same answer: ${ms(cloning)} ms`,
    );

    log(`one new entry shown, ${LIVE_ENTRIES} entries each with ${SMALL.n} and ${LARGE.n.toLocaleString('en')} present`);
    await openAndSettle(page, SMALL);
    const liveSmall = await timeNewEntries(teammate, SMALL, seen);
    await openAndSettle(page, LARGE);
    const liveLarge = await timeNewEntries(teammate, LARGE, seen);
    log(
      `new entry: with ${SMALL.n} p50 ${median(liveSmall).toFixed(1)} ms, p95 ${percentile(liveSmall, 95).toFixed(1)} ms; with ${LARGE.n} p50 ${median(liveLarge).toFixed(1)} ms, p95 ${percentile(liveLarge, 95).toFixed(1)} ms`,
    );

    log(`scroll: ${SCROLL_FRAMES} frames of ${SCROLL_STEP_PX} px through ${LARGE.n.toLocaleString('en')} entries`);
    const idle = await frameTimes(page, 0);
    const scroll = await frameTimes(page, SCROLL_STEP_PX);
    log(
      `frames: idle p95 ${percentile(idle, 95).toFixed(1)} ms; scrolling p50 ${median(scroll).toFixed(1)} ms, p95 ${percentile(scroll, 95).toFixed(1)} ms, max ${Math.max(...scroll).toFixed(1)} ms`,
    );

    const errors = teammate.consoleErrors.filter((e) => !/frame-ancestors' is ignored/.test(e));
    if (errors.length) log(`page errors: ${errors.join(' | ')}`);

    const paint = median(openLarge.map((r) => r.total));
    const arrive = median(arriving);
    const own = median(afterArrival(openLarge));
    const ownSmall = median(afterArrival(openSmall));
    const live = median(liveLarge);
    const liveBase = median(liveSmall);
    const p95 = percentile(scroll, 95);
    const idleP95 = percentile(idle, 95);
    return [
      {
        what: `renderer: first timeline paint, ${large} entries`,
        figure: paint,
        unit: 'ms',
        baseline: { what: 'the same events reaching the page alone', figure: arrive, unit: 'ms' },
        ratio: paint / arrive,
        ratioLabel: 'of baseline',
        target: '<= 500 ms',
        met: paint <= 500,
        note: `median of ${OPEN_RUNS}: ${ms(openLarge.map((r) => r.total))} ms; the e2e harness carries main's answer over the DevTools protocol; Electron's IPC would structured-clone it (${median(cloning).toFixed(0)} ms here)`,
      },
      {
        what: `renderer: first paint once the ${large} events arrived`,
        figure: own,
        unit: 'ms',
        baseline: { what: `the same with ${SMALL.n} entries`, figure: ownSmall, unit: 'ms' },
        ratio: own / ownSmall,
        ratioLabel: 'of baseline',
        target: '(informational)',
        met: true,
        note: 'parse, fold, render, measure and paint in the window',
      },
      {
        what: `renderer: new entry shown, ${large} present`,
        figure: live,
        unit: 'ms',
        baseline: { what: `the same with ${SMALL.n} present`, figure: liveBase, unit: 'ms' },
        ratio: live / liveBase,
        ratioLabel: 'of baseline',
        target: '<= 50 ms',
        met: live <= 50,
        note: `median of ${LIVE_ENTRIES}; p95 ${percentile(liveLarge, 95).toFixed(1)} ms`,
      },
      {
        what: `renderer: scroll frame p95, ${large} entries`,
        figure: p95,
        unit: 'ms',
        baseline: { what: 'idle frame p95, same page', figure: idleP95, unit: 'ms' },
        ratio: p95 / idleP95,
        ratioLabel: 'of baseline',
        target: '<= 20 ms',
        met: p95 <= 20,
        note: `${SCROLL_FRAMES} frames of ${SCROLL_STEP_PX} px; max ${Math.max(...scroll).toFixed(1)} ms`,
      },
    ];
  } finally {
    await teammate?.close();
    await browser?.close();
    await server.close();
  }
}
