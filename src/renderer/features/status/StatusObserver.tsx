import { useEffect, useLayoutEffect, useMemo } from 'react';
import { EMPTY_COMMS_PLAN, UPDATE_AUDIENCE_LABELS, UPDATE_TEMPLATE_LABELS, type CommsPlan } from '../../../shared/incident';
import { statusDocumentOf, type StatusDocumentView } from '../../../shared/views/status-document';
import { formatElapsed, formatTime, zoneName } from '../../components/format';
import { SeverityBadge } from '../../components/SeverityBadge';
import { useNow } from '../../components/useNow';
import { host } from '../../host';
import { useIncidents } from '../../stores/incident';
import './status.css';
import './observer.css';
import { RoleList } from './RoleList';
import { CommsPlanList } from './CommsPlan';
import { CurrentPlan } from './CurrentPlan';
import { useSync } from '../../stores/sync';
import { proofText } from '../sync/agreement-words';
import { firstViewPainted } from '../../incidents/open-incident';
import { count } from '../../../shared/plural';

/**
 * The read-only status view for executives and other stakeholders (route
 * #/status/<id>; its own window in the desktop app): where things stand,
 * readable at a glance from across a room, live as the response edits it,
 * so nobody needs to ask. Nothing here changes anything.
 */
export function StatusObserver() {
  const status = useIncidents((s) => s.status);
  const snapshot = useIncidents((s) => s.snapshot);
  const now = useNow();
  const view = useMemo(() => (snapshot ? statusDocumentOf(snapshot, now) : null), [snapshot, now]);
  // The store applies the whole doc once the stored first view is on screen (as for the incident view).
  const shown = status === 'preview' || status === 'ready';
  useLayoutEffect(() => {
    if (shown) requestAnimationFrame(() => setTimeout(firstViewPainted, 0));
  }, [shown]);
  const title = view ? `Status · ${view.name} · ${view.severity}${view.ended ? ' · ended' : ''}` : 'Status · Command Post';
  useEffect(() => host.setTitle(title), [title]);

  if (status === 'loading' || status === 'idle') return <main className="observer"><p className="muted">Opening the status…</p></main>;
  if (!view) {
    return (
      <main className="observer">
        <p>{status === 'waiting' ? 'Waiting for a command post sharing this incident to send it…' : 'This incident is not on this machine, or nothing of it could be read.'}</p>
      </main>
    );
  }
  return <ObserverBody view={view} comms={snapshot?.comms ?? EMPTY_COMMS_PLAN} now={now} loading={status === 'preview'} />;
}

/**
 * Whether what is shown here is what the response holds: an observer on
 * another machine must not read a status that stopped arriving as current.
 */
function ObserverSync() {
  const state = useSync((s) => s.state);
  if (!state) return <span className="muted observer-readonly">Read-only · updates live</span>;
  const stuck = state.status === 'online' && state.proof === 'not-in-sync';
  const words =
    state.status === 'online' ? proofText(state) : state.status === 'paused' ? 'sync paused' : 'not connected to the response';
  return (
    <span className={stuck ? 'observer-readonly observer-stuck' : 'muted observer-readonly'} role={stuck ? 'alert' : undefined} data-proof={state.status === 'online' ? state.proof : undefined}>
      Read-only · {words}
    </span>
  );
}

function ObserverBody({ view, comms, now, loading }: { view: StatusDocumentView; comms: CommsPlan; now: number; loading: boolean }) {
  const zone = zoneName(now);
  const doc = view.doc;
  const latest = view.lastUpdate;
  return (
    <main className={`observer${view.ended ? ' ended' : ''}`} aria-label={`Status of ${view.name}`}>
      <header className="observer-head">
        <h1>
          {view.name}
          {view.drill && <span className="observer-drill"> (drill)</span>}
        </h1>
        <SeverityBadge severity={view.severity} />
        <span className={`observer-phase phase-${doc.phase}`}>{view.ended ? (doc.phase === 'resolved' ? 'Ended' : `Ended · still ${view.phaseLabel}`) : view.phaseLabel}</span>
        <ObserverSync />
      </header>
      <p className="observer-meaning muted">{view.situation}</p>
      {loading && <p className="muted" role="status">Loading the latest…</p>}
      {view.stale && (
        <p className="notice warning observer-stale" role="alert">
          This status was last updated {formatElapsed(now - view.updatedAt)} ago, longer than the {count(view.cadenceMinutes, 'minute')} it should be: it may no longer be
          accurate.
        </p>
      )}

      <section className="observer-grid">
        <div className="observer-card observer-summary">
          <h2>What is happening</h2>
          <p className="observer-text">{doc.summary.text.trim() || <span className="muted">No summary yet.</span>}</p>
        </div>
        <div className="observer-card">
          <h2>Impact</h2>
          <p className="observer-text">{doc.impact.text.trim() || <span className="muted">Not assessed yet.</span>}</p>
          {doc.impactSince !== null && (
            <p className="muted">
              Since {formatTime(doc.impactSince)} {zone} ({formatElapsed(now - doc.impactSince)} ago)
            </p>
          )}
        </div>
        <div className="observer-card">
          <h2>Expected resolution</h2>
          <p className="observer-text">{doc.eta.text.trim() || <span className="muted">Not known yet.</span>}</p>
        </div>
        <div className="observer-card">
          <h2>Next update</h2>
          {view.nextUpdateAt === null ? (
            <p className="observer-text muted">None planned.</p>
          ) : (
            <p className={`observer-text observer-next-${view.nextUpdateState}`}>
              <span className="mono">
                {view.nextUpdateAt <= now ? `due ${formatElapsed(now - view.nextUpdateAt)} ago` : `in ${formatElapsed(view.nextUpdateAt - now)}`}
              </span>{' '}
              <span className="muted">
                at {formatTime(view.nextUpdateAt)} {zone}
              </span>
            </p>
          )}
        </div>
        <div className="observer-card observer-plan">
          <h2>Current plan</h2>
          <CurrentPlan objectives={view.objectives} now={now} empty="No objectives set yet." />
        </div>
        <div className="observer-card">
          <h2>Who is responding</h2>
          <RoleList roles={view.roles} />
        </div>
        {comms.channels.length > 0 && (
          <div className="observer-card">
            <h2>Where to reach the response</h2>
            <CommsPlanList plan={comms} empty="" />
          </div>
        )}
      </section>

      {latest && (
        <section className="observer-card observer-latest" aria-label="Latest update sent">
          <h2>
            Latest update sent{' '}
            <span className="muted">
              {latest.template === 'can' ? 'CAN report' : `${UPDATE_AUDIENCE_LABELS[latest.audience]}, ${UPDATE_TEMPLATE_LABELS[latest.template].toLowerCase()}`} at{' '}
              {formatTime(latest.at)} {zone}
            </span>
          </h2>
          <pre className="sent-update-body">{latest.body}</pre>
        </section>
      )}
      <footer className="muted observer-foot">
        Last updated {formatTime(view.updatedAt)} {zone} by {view.updatedBy}. Declared {formatTime(view.declaredAt)} {zone}, {formatElapsed(now - view.declaredAt)} ago.
      </footer>
    </main>
  );
}
