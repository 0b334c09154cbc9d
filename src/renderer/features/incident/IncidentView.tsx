import { useEffect, useLayoutEffect, useRef } from 'react';
import { formatDateTime } from '../../components/format';
import { useIncidents } from '../../stores/incident';
import { useSync } from '../../stores/sync';
import { NamePrompt } from '../identity/NamePrompt';
import { QuickEntry } from '../timeline/QuickEntry';
import { Timeline } from '../timeline/Timeline';
import { ActivityLogHost } from '../timeline/ActivityLogDialog';
import { OrgView } from '../org-chart/OrgView';
import { TimersBoard } from '../timers/TimersBoard';
import { useDeadlineNotices } from '../timers/useDeadlineNotices';
import { PlanView } from '../plan/PlanView';
import { useUi } from '../../stores/ui';
import { useTypeahead } from '../../stores/typeahead';
import { CueCardsPanel } from '../cue-cards/CueCardsPanel';
import { StatusView } from '../status/StatusView';
import { PostmortemView } from '../postmortem/PostmortemView';
import { ExerciseControl } from '../drills/ExerciseControl';
import { AfterActionScore } from '../drills/AfterActionScore';
import { useDrill } from '../../stores/drill';
import { IncidentHeader } from './IncidentHeader';
import { KnockPrompt } from '../sync/KnockPrompt';
import { host } from '../../host';
import { IncidentTabs } from './IncidentTabs';
import { panelId, tabId } from './tabs';
import { useIdentity } from '../../incidents/identity-store';
import { firstViewPainted } from '../../incidents/open-incident';
import { mayWrite, useTrust } from '../../stores/trust';
import { AccessNote } from '../members/AccessNote';
import { WithheldEntries } from '../timeline/WithheldEntries';

export function IncidentView() {
  const status = useIncidents((s) => s.status);
  const snapshot = useIncidents((s) => s.snapshot);
  const previewTotal = useIncidents((s) => s.previewTotal);
  const tab = useUi((s) => s.incidentTab);
  const cuePanelOpen = useUi((s) => s.cuePanelOpen);
  const name = useIdentity((s) => s.name);
  const access = useTrust((s) => s.access);
  const drill = useDrill((s) => s.drill);
  const preview = status === 'preview';
  useFirstViewMark(status === 'ready' || preview);
  useFullViewMark(status === 'ready');
  // Deadlines are handed to the host from the full doc only, never from the stored first view.
  useDeadlineNotices(status === 'ready' ? snapshot : null);
  useTypeaheadUntilShown(status === 'loading' || status === 'idle' || status === 'preview');

  if (status === 'loading' || status === 'idle') return <p className="muted">Opening incident…</p>;
  if (status === 'waiting') return <WaitingForPeers />;
  if (status === 'missing' || !snapshot?.header) {
    return (
      <div className="empty">
        <p>This incident could not be found on this machine, or nothing of it could be read.</p>
        <a href="#/">Back to incidents</a>
      </div>
    );
  }
  const header = snapshot.header;
  // An observer (or anyone not admitted) sees every view with no control that writes.
  const writer = mayWrite(access);
  const readOnly = header.state === 'ended' || snapshot.compatibility === 'newer' || !writer;
  return (
    <section className="incident-view" aria-label={`Incident ${header.name}`}>
      <IncidentHeader header={header} readOnly={readOnly} loading={preview} />
      {/* Knocks from this network, over any tab or dialog: the IC decides at once, and the joiner waits. */}
      {host.discovery && <KnockPrompt />}
      {snapshot.compatibility === 'newer' && (
        <p className="notice warning">This incident was saved by a newer version of Command Post. It is shown read-only.</p>
      )}
      {snapshot.malformedEntries > 0 && (
        <p className="notice warning">
          {snapshot.malformedEntries} timeline entr{snapshot.malformedEntries === 1 ? 'y is' : 'ies are'} not valid and
          {snapshot.malformedEntries === 1 ? ' is' : ' are'} not shown.
        </p>
      )}
      <WithheldEntries withheld={snapshot.withheld} />
      <div className="incident-body">
        <div className="incident-main">
          <IncidentTabs scripted={drill !== null} />
          {/* One panel at a time; each tab's view lives in its feature folder. */}
          <div className="incident-panel" role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)} tabIndex={-1}>
            {tab === 'org' ? (
              <OrgView org={snapshot.org} readOnly={readOnly || preview} />
            ) : tab === 'plan' ? (
              <PlanView plan={snapshot.plan} org={snapshot.org} readOnly={readOnly || preview} />
            ) : tab === 'timers' ? (
              <TimersBoard snapshot={snapshot} readOnly={readOnly || preview} />
            ) : tab === 'status' ? (
              <StatusView snapshot={snapshot} readOnly={readOnly || preview} />
            ) : tab === 'drill' && drill ? (
              <ExerciseControl snapshot={snapshot} drill={drill} readOnly={snapshot.compatibility === 'newer' || preview || !writer} />
            ) : tab === 'postmortem' ? (
              <>
                {/* A drill's debrief starts from its score. */}
                {drill && <AfterActionScore snapshot={snapshot} drill={drill} level={2} />}
                {/* The postmortem is written after the end: only a newer version's doc (or the first view) is read-only here. */}
                <PostmortemView snapshot={snapshot} readOnly={snapshot.compatibility === 'newer' || preview || !writer} />
              </>
            ) : (
              <Timeline
                key={preview ? 'preview' : 'full'}
                snapshot={snapshot}
                total={previewTotal ?? undefined}
                access={snapshot.compatibility === 'newer' || !writer ? 'read' : header.state === 'ended' ? 'review' : 'write'}
                loaded={!preview}
              />
            )}
          </div>
        </div>
        {cuePanelOpen && <CueCardsPanel readOnly={readOnly || preview} />}
      </div>
      {!preview && <ActivityLogHost snapshot={snapshot} />}
      {preview ? (
        <p className="closed" role="status">
          Loading the full timeline…
        </p>
      ) : header.state === 'ended' ? (
        <>
          <p className="closed">
            Ended {formatDateTime(header.endedAt ?? 0)} by {header.endedBy}. The timeline is closed.
          </p>
          {!name && snapshot.compatibility !== 'newer' && writer && <NamePrompt why="Your name, so the postmortem records who wrote what" focus={false} />}
        </>
      ) : !writer ? (
        <AccessNote />
      ) : (
        !readOnly && <QuickEntry />
      )}
    </section>
  );
}

/**
 * Keys typed while the incident opens are kept for its entry line (see
 * components/keys/typeahead.ts). Once the incident is shown the line has
 * taken them (its effect runs before this one), or it is not there (an
 * ended incident, a join still waiting for its peers): nothing is kept
 * from then on, so the view's own keys act.
 */
function useTypeaheadUntilShown(opening: boolean) {
  useEffect(() => {
    if (opening) useTypeahead.getState().expect();
    else useTypeahead.getState().drop();
  }, [opening]);
  useEffect(() => () => useTypeahead.getState().drop(), []);
}

/** A joined incident that has not arrived yet: say what is happening and how it is going. */
function WaitingForPeers() {
  const sync = useSync((s) => s.state);
  return (
    <div className="empty" role="status">
      <p>Joined. Waiting for a peer to send this incident…</p>
      <p className="muted">
        {sync?.status === 'offline'
          ? 'No signaling server in the invite can be reached from here. Check the network, or ask for an invite with another address.'
          : sync?.status === 'online'
            ? 'Connected; receiving the incident.'
            : 'Looking for peers through the signaling servers in the invite.'}
      </p>
      <a href="#/">Back to incidents</a>
    </div>
  );
}

/**
 * Marks the moment the opened incident's first view is painted, for the
 * open-incident benchmark: the Element Timing API reports when the frame
 * holding the incident's name was presented. Where it is missing, a frame
 * requested from a layout effect (after the commit, before the paint) and a
 * timeout after it come close.
 */
function useFirstViewMark(ready: boolean) {
  const marked = useRef(false);
  useLayoutEffect(() => {
    if (!ready || marked.current) return;
    marked.current = true;
    performance.mark('incident-committed');
    const mark = (startTime?: number) => {
      if (performance.getEntriesByName('incident-first-view').length) return;
      performance.mark('incident-first-view', startTime === undefined ? undefined : { startTime });
    };
    // The store applies the incident's doc (a long task) only after this paint.
    requestAnimationFrame(() => setTimeout(firstViewPainted, 0));
    if (PerformanceObserver.supportedEntryTypes?.includes('element')) {
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as Array<PerformanceEntry & { identifier?: string; renderTime?: number }>) {
          if (entry.identifier === 'incident-name' && entry.renderTime) {
            observer.disconnect();
            mark(entry.renderTime);
          }
        }
      });
      observer.observe({ type: 'element', buffered: true });
    } else {
      requestAnimationFrame(() => setTimeout(() => mark(), 0));
    }
  }, [ready]);
}

/** Marks when the whole incident (not only its stored first view) is on screen, for the benchmark. */
function useFullViewMark(ready: boolean) {
  const marked = useRef(false);
  useLayoutEffect(() => {
    if (!ready || marked.current) return;
    marked.current = true;
    requestAnimationFrame(() => setTimeout(() => performance.mark('incident-full-view'), 0));
  }, [ready]);
}

