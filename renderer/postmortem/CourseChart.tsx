import { useEffect, useMemo, useRef, useState } from 'react';
import type { IncidentState } from '../../src/model/incident-state.js';
import { courseSvg } from '../../src/export/course-svg.js';

const localZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * The picture of the incident's course, the same drawing as the HTML/PDF report. courseSvg escapes every user
 * string and emits drawing elements only, so its markup can go in as is; it is redrawn at the box's width so
 * text keeps its size instead of being scaled.
 */
export function CourseChart({ state }: { state: IncidentState }) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(960);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      const w = Math.round(entry?.contentRect.width ?? 960);
      // Whole steps of 40px: a window being dragged redraws a few times, not on every pixel.
      if (w > 0) setWidth(Math.max(480, Math.min(1800, Math.floor(w / 40) * 40)));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const svg = useMemo(() => courseSvg(state, { tz: localZone(), width }), [state, width]);
  return <div ref={box} className="course-chart" data-testid="course-chart" dangerouslySetInnerHTML={{ __html: svg }} />;
}
