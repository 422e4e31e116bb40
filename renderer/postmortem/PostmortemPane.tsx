import './postmortem.css';
import { useWarRoom } from '../state/store.js';
import { selectIncidentState } from '../state/selectors.js';
import { CourseChart } from './CourseChart.js';
import { FollowUpsPanel } from './FollowUpsPanel.js';
import { MilestonesPanel } from './MilestonesPanel.js';

/** Everything the postmortem is built from that the log alone cannot say: the course, milestones, follow-ups. */
export function PostmortemPane() {
  const state = useWarRoom(selectIncidentState)!;
  return (
    <div className="postmortem-pane">
      <section className="course-section" aria-labelledby="course-title-h">
        <h2 id="course-title-h">Course of the incident</h2>
        <CourseChart state={state} />
      </section>
      <MilestonesPanel state={state} />
      <FollowUpsPanel state={state} />
    </div>
  );
}
