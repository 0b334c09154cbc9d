import { useEffect, useRef } from 'react';
import { formatDateTime } from '../../components/format';
import { useIncidents } from '../../stores/incident';
import { QuickEntry } from '../timeline/QuickEntry';
import { Timeline } from '../timeline/Timeline';
import { IncidentHeader } from './IncidentHeader';

export function IncidentView() {
  const status = useIncidents((s) => s.status);
  const snapshot = useIncidents((s) => s.snapshot);
  useFirstViewMark(status === 'ready');

  if (status === 'loading' || status === 'idle') return <p className="muted">Opening incident…</p>;
  if (status === 'missing' || !snapshot?.header) {
    return (
      <div className="empty">
        <p>This incident could not be found on this machine, or nothing of it could be read.</p>
        <a href="#/">Back to incidents</a>
      </div>
    );
  }
  const header = snapshot.header;
  const readOnly = header.state === 'ended' || snapshot.compatibility === 'newer';
  return (
    <section className="incident-view" aria-label={`Incident ${header.name}`}>
      <IncidentHeader header={header} readOnly={readOnly} />
      {snapshot.compatibility === 'newer' && (
        <p className="notice warning">This incident was saved by a newer version of Command Post. It is shown read-only.</p>
      )}
      {snapshot.malformedEntries > 0 && (
        <p className="notice warning">
          {snapshot.malformedEntries} timeline entr{snapshot.malformedEntries === 1 ? 'y is' : 'ies are'} not valid and
          {snapshot.malformedEntries === 1 ? ' is' : ' are'} not shown.
        </p>
      )}
      <Timeline events={snapshot.timeline} />
      {header.state === 'ended' ? (
        <p className="closed">
          Ended {formatDateTime(header.endedAt ?? 0)} by {header.endedBy}. The timeline is closed.
        </p>
      ) : (
        !readOnly && <QuickEntry />
      )}
    </section>
  );
}

/**
 * Marks the moment the opened incident's first view is on screen (after the
 * browser paints it), for the open-incident benchmark.
 */
function useFirstViewMark(ready: boolean) {
  const marked = useRef(false);
  useEffect(() => {
    if (!ready || marked.current) return;
    marked.current = true;
    requestAnimationFrame(() => setTimeout(() => performance.mark('incident-first-view'), 0));
  }, [ready]);
}
