import { useEffect, useMemo, type ReactNode } from 'react';
import type { IncidentSnapshot } from '../../../shared/incident';
import { activityLog, type ActivityLog, type ActivitySubject } from '../../../shared/views/activity-log';
import { CloseFooter } from '../../components/CloseFooter';
import { formatDateTimeIn } from '../../components/format';
import { Modal } from '../../components/Modal';
import { useTimelineUi } from '../../stores/timeline-ui';
import { rowLabel } from '../../../shared/views/entry-types';
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
        <CloseFooter onClose={close} autoFocus />
      </Modal>
    );
  }
  const until = (to: number | null) => (to === null ? (snapshot.header?.state === 'ended' ? 'the end' : 'now') : formatDateTimeIn(to, utc));
  return (
    <Modal title={`Activity log (ICS 214): ${log.name}`} onClose={close} wide>
      <div className="activity-log">
        <Header log={log} utc={utc} until={until(log.to)} />
        <TableSection id="activity-roles" title="Roles held" columns={['Role', 'From', 'To']} empty="No incident role.">
          {log.roles.map((r, i) => (
            <tr key={`${r.roleId}-${i}`}>
              <td>{r.title}</td>
              <td>{formatDateTimeIn(r.from, utc)}</td>
              <td>{until(r.to)}</td>
            </tr>
          ))}
        </TableSection>
        <TableSection id="activity-tasks" title="Tasks owned" columns={['Task', 'Objective', 'Outcome']} empty="No tasks.">
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
        </TableSection>
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
                  {!e.own ? <span className="muted"> ({e.author})</span> : e.event.for && <span className="muted"> (logged by {e.event.author})</span>}
                </span>
              </li>
            ))}
          </ol>
        </section>
        <CloseFooter onClose={close} autoFocus />
      </div>
    </Modal>
  );
}

/** A part of the log as a table under its heading, or a line saying it is empty. */
function TableSection({ id, title, columns, empty, children }: { id: string; title: string; columns: readonly string[]; empty: string; children: readonly ReactNode[] }) {
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children.length ? (
        <table>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      ) : (
        <p className="muted">{empty}</p>
      )}
    </section>
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
