import { useEffect, useMemo } from 'react';
import type { IncidentSnapshot } from '../../../shared/incident';
import { activityLog, type ActivityLog, type ActivitySubject } from '../../../shared/ics/activity-log';
import { formatDateTimeIn } from '../../components/format';
import { Modal } from '../../components/Modal';
import { useTimelineUi } from '../../stores/timeline-ui';
import { rowLabel } from './entry-types';
import { Clock } from './TimelineRow';

const OUTCOME: Record<string, string> = { open: 'Open', done: 'Done', blocked: 'Blocked', dropped: 'Dropped' };

/** Whose activity log is asked for (from a timeline row or the responders panel), over either tab. */
export function ActivityLogHost({ snapshot }: { snapshot: IncidentSnapshot }) {
  const subject = useTimelineUi((s) => s.activityFor);
  // Another incident opened: a log asked for in the last one does not follow.
  useEffect(() => useTimelineUi.getState().forIncident(snapshot.incidentId), [snapshot.incidentId]);
  if (!subject) return null;
  return <ActivityLogDialog snapshot={snapshot} subject={subject} />;
}

/**
 * A responder's activity log, laid out as the ICS 214: the header (incident,
 * period, name, positions, home team), the roles held, the tasks owned, and
 * the activity itself in time order. Times follow the timeline's local/UTC
 * setting.
 */
function ActivityLogDialog({ snapshot, subject }: { snapshot: IncidentSnapshot; subject: ActivitySubject }) {
  const utc = useTimelineUi((s) => s.utc);
  const log = useMemo(() => activityLog(snapshot, subject), [snapshot, subject]);
  const close = () => useTimelineUi.getState().showActivity(null);
  if (!log) {
    return (
      <Modal title="Activity log" onClose={close}>
        <p>That person is not part of this incident.</p>
        <div className="actions">
          <button type="button" data-autofocus onClick={close}>
            Close
          </button>
        </div>
      </Modal>
    );
  }
  const until = (to: number | null) => (to === null ? (snapshot.header?.state === 'ended' ? 'the end' : 'now') : formatDateTimeIn(to, utc));
  return (
    <Modal title={`Activity log (ICS 214): ${log.name}`} onClose={close} wide>
      <div className="activity-log">
        <Header log={log} utc={utc} until={until(log.to)} />
        <section aria-labelledby="activity-roles">
          <h3 id="activity-roles">Roles held</h3>
          {log.roles.length ? (
            <table>
              <thead>
                <tr>
                  <th scope="col">Role</th>
                  <th scope="col">From</th>
                  <th scope="col">To</th>
                </tr>
              </thead>
              <tbody>
                {log.roles.map((r, i) => (
                  <tr key={`${r.roleId}-${i}`}>
                    <td>{r.title}</td>
                    <td>{formatDateTimeIn(r.from, utc)}</td>
                    <td>{until(r.to)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">No incident role.</p>
          )}
        </section>
        <section aria-labelledby="activity-tasks">
          <h3 id="activity-tasks">Tasks owned</h3>
          {log.tasks.length ? (
            <table>
              <thead>
                <tr>
                  <th scope="col">Task</th>
                  <th scope="col">Objective</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                {log.tasks.map((t) => (
                  <tr key={t.id}>
                    <td>{t.text}</td>
                    <td>{t.objective}</td>
                    <td>
                      {t.to !== null ? `Handed on at ${formatDateTimeIn(t.to, utc)}; ${OUTCOME[t.status]?.toLowerCase()} since` : OUTCOME[t.status]}
                      {t.note && `: ${t.note}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">No tasks.</p>
          )}
        </section>
        <section aria-labelledby="activity-entries">
          <h3 id="activity-entries">Activity</h3>
          <ol className="activity-entries">
            {log.entries.map((e) => (
              <li key={e.id} className={e.struck ? 'struck' : undefined}>
                <Clock at={e.at} utc={utc} />
                <span className="kind">{rowLabel(e.event)}</span>
                <span>
                  {e.key && <span aria-label="key event">★ </span>}
                  {e.struck ? <del>{e.text}</del> : e.text}
                  {e.struck && <span className="muted"> (struck through: {e.struck.reason})</span>}
                  {e.edited && <span className="muted"> (edited)</span>}
                  {!e.own && <span className="muted"> ({e.author})</span>}
                </span>
              </li>
            ))}
          </ol>
        </section>
        <div className="actions">
          <button type="button" data-autofocus onClick={close}>
            Close
          </button>
        </div>
      </div>
    </Modal>
  );
}

function Header({ log, utc, until }: { log: ActivityLog; utc: boolean; until: string }) {
  return (
    <dl className="activity-header">
      <dt>Incident name</dt>
      <dd>{log.incidentName}</dd>
      <dt>Period covered</dt>
      <dd>
        {formatDateTimeIn(log.from, utc)} to {until}
      </dd>
      <dt>Name</dt>
      <dd>{log.name}</dd>
      <dt>ICS position</dt>
      <dd>{log.positions.join(', ') || 'None'}</dd>
      <dt>Home team / skills</dt>
      <dd>{log.skills || '—'}</dd>
      {log.contact && (
        <>
          <dt>Contact</dt>
          <dd>{log.contact}</dd>
        </>
      )}
    </dl>
  );
}
