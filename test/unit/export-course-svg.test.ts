import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { courseSvg } from '../../src/export/course-svg.js';
import { fold } from '../../src/incident/fold.js';
import { hostileIncident, HOSTILE } from '../helpers/export-fixtures.js';
import { outageStory } from '../helpers/outage-story.js';

const parse = (svg: string) => new DOMParser().parseFromString(svg, 'image/svg+xml');
const texts = (doc: ReturnType<typeof parse>) => [...doc.querySelectorAll('text')];

/** The box a label takes, estimated as the drawing does (11px sans-serif, about 6.6px a character). */
function box(t: { getAttribute(n: string): string | null; textContent: string | null }) {
  const x = Number(t.getAttribute('x'));
  const y = Number(t.getAttribute('y'));
  const w = (t.textContent ?? '').length * (t.getAttribute('font-size') === '10' ? 6 : 6.6);
  const anchor = t.getAttribute('text-anchor');
  const left = anchor === 'end' ? x - w : anchor === 'middle' ? x - w / 2 : x;
  return { left, right: left + w, top: y - 10, bottom: y + 2 };
}

function overlaps(doc: ReturnType<typeof parse>): string[] {
  const boxes = texts(doc).map((t) => ({ t: t.textContent ?? '', ...box(t) }));
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) found.push(`${a.t} / ${b.t}`);
    }
  return found;
}

describe('the course of an incident as SVG', () => {
  const state = fold(outageStory());
  const svg = courseSvg(state);
  const doc = parse(svg);

  it('draws status phases, severity, each hypothesis to its verdict, updates as marks and the milestones', () => {
    expect(doc.querySelector('svg')?.getAttribute('role')).toBe('img');
    expect(doc.querySelector('title')?.textContent).toBe('Course of the incident: Checkout failing for EU customers');
    expect([...doc.querySelectorAll('rect.course-status')].map((r) => r.getAttribute('class'))).toEqual([
      'course-status status-investigating',
      'course-status status-identified',
      'course-status status-monitoring',
      'course-status status-resolved',
    ]);
    expect(doc.querySelectorAll('rect.course-severity').length).toBeGreaterThanOrEqual(2);
    const hypotheses = [...doc.querySelectorAll('g.course-hypothesis')];
    expect(hypotheses.map((g) => g.getAttribute('class'))).toEqual([
      'course-hypothesis hypothesis-confirmed',
      'course-hypothesis hypothesis-ruled-out',
      'course-hypothesis hypothesis-ruled-out',
    ]);
    expect(hypotheses[0]!.textContent).toContain('confirmed: primary database stalled while replicating to its replicas');
    expect(doc.querySelectorAll('path.course-update')).toHaveLength(4);
    expect([...doc.querySelectorAll('text.course-milestone-label')].map((t) => t.textContent)).toEqual(['Detected', 'Resolved']);
    expect(overlaps(doc)).toEqual([]);
  });

  it('reads in the dark and on paper: text takes the page colour, or white on its own coloured band', () => {
    for (const t of texts(doc)) expect(['currentColor', '#fff', '#8b5cf6']).toContain(t.getAttribute('fill'));
    expect(svg).not.toMatch(/style=|<style|href|<script|<foreignObject|<image/);
  });

  it('escapes every user string', () => {
    const hostile = courseSvg(fold(hostileIncident().events));
    expect(hostile).not.toContain('<script>');
    expect(hostile).toContain('&lt;script&gt;');
    expect(parse(hostile).querySelector('title')?.textContent).toContain(HOSTILE.script);
  });

  it('stays legible with 500 events: capped rows, merged marks, no label on top of another', () => {
    const busy = outageStory({ extraNotes: 300, extraHypotheses: 60, extraUpdates: 50 });
    expect(busy.length).toBeGreaterThanOrEqual(500);
    for (const width of [640, 960, 1800]) {
      const big = parse(courseSvg(fold(busy), { width }));
      expect(big.querySelectorAll('g.course-hypothesis')).toHaveLength(12);
      expect(big.querySelector('text.course-more')?.textContent).toBe('+ 51 more hypotheses (50 ruled out, 1 open)');
      // The confirmed cause is never among the ones left out.
      expect(big.querySelector('g.hypothesis-confirmed')).not.toBeNull();
      expect(texts(big).length).toBeLessThan(80);
      expect(overlaps(big), `width ${width}`).toEqual([]);
      const marks = big.querySelectorAll('path.course-update').length;
      expect(marks).toBeLessThanOrEqual(54);
      expect(marks).toBeGreaterThan(width === 640 ? 10 : 30);
    }
  });

  it('copes with an empty incident and a log that lost its opening event', () => {
    const [, ...rest] = outageStory();
    expect(() => parse(courseSvg(fold(rest, 'inc_outage0001')))).not.toThrow();
    const bare = fold(outageStory().slice(0, 1));
    expect(courseSvg(bare)).toContain('No hypotheses recorded');
  });
});
