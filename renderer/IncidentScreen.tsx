import { useShallow } from 'zustand/react/shallow';
import { useWarRoom } from './state/store.js';
import { selectOpening, selectView } from './state/selectors.js';
import { closeIncident } from './state/actions.js';
import { SummaryHeader } from './header/SummaryHeader.js';
import { SinceDigest } from './header/SinceDigest.js';
import { ViewTabs, panelId, tabId } from './header/ViewTabs.js';
import { Timeline } from './timeline/Timeline.js';
import { HypothesisBoard } from './board/HypothesisBoard.js';
import { ImpactList } from './customers/ImpactList.js';
import { DraftsPane } from './drafts/DraftsPane.js';
import { PostmortemPane } from './postmortem/PostmortemPane.js';
import { QuickEntry } from './quick-entry/QuickEntry.js';
import { Toasts } from './notices/Toasts.js';
import { StatusStatementBar } from './header/StatusStatementBar.js';
import { CatchUpView } from './catch-up/CatchUpView.js';
import { usePhoneLayout } from './hooks/use-phone-layout.js';

export function IncidentScreen() {
  const { opening, openError, issues } = useWarRoom(useShallow(selectOpening));
  const view = useWarRoom(selectView);
  const hasState = useWarRoom((s) => s.incidentState !== null);
  const catchUp = useWarRoom((s) => s.catchUpOpen);
  // At phone size the catch-up is not a view of its own: it comes first, the timeline below it, one page to scroll.
  const phone = usePhoneLayout();
  const stacked = phone && view === 'timeline';

  if (openError) {
    return (
      <main id="main" className="list-main">
        <h1>Could not open this incident</h1>
        <p role="alert">{openError}</p>
        <button type="button" autoFocus onClick={() => void closeIncident()}>
          Back to all incidents
        </button>
      </main>
    );
  }
  if (opening || !hasState) {
    return (
      <main id="main" className="list-main" aria-busy="true">
        <p>Opening the incident…</p>
      </main>
    );
  }
  return (
    <div className={`incident-screen${stacked ? ' incident-screen-stacked' : ''}`}>
      <SummaryHeader />
      <StatusStatementBar />
      {issues.length ? (
        <p className="log-issues" role="status">
          The log had {issues.length} problem{issues.length === 1 ? '' : 's'} when it was read ({issues[0]}); everything else is shown.
        </p>
      ) : null}
      <SinceDigest />
      {stacked ? <CatchUpView stacked /> : null}
      <ViewTabs />
      <Toasts />
      <main id="main" className="view">
        <div role="tabpanel" id={panelId(view)} aria-labelledby={tabId(view)} className="view-panel">
          {catchUp && !stacked ? (
            <CatchUpView />
          ) : view === 'timeline' ? (
            <Timeline />
          ) : view === 'board' ? (
            <HypothesisBoard />
          ) : view === 'customers' ? (
            <ImpactList />
          ) : view === 'postmortem' ? (
            <PostmortemPane />
          ) : (
            <DraftsPane />
          )}
        </div>
      </main>
      <QuickEntry />
    </div>
  );
}
