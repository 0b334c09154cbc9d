import { useMemo } from 'react';
import { STATUS_FIELD_LABELS, type IncidentSnapshot } from '../../../shared/incident';
import { sentUpdates, statusDocumentOf, type StatusDocumentView } from '../../../shared/views/status-document';
import { formatAge, formatDateTime, formatElapsed, formatTime, zoneName } from '../../components/format';
import { shortcutFor } from '../../components/keys/key-table';
import { KeyHints } from '../../components/keys/KeyHints';
import { SeverityBadge } from '../../components/SeverityBadge';
import { useNow } from '../../components/useNow';
import { useStatusUi } from '../../stores/status-ui';
import { CollabField } from './CollabField';
import { PhasePicker } from './PhasePicker';
import { SentUpdates } from './SentUpdates';
import { StatusDialogs } from './StatusDialogs';
import { STATUS_KEY_TABLE, statusKeyPermission } from './status-key-list';
import { openObserverView, useStatusKeys } from './status-keys';
import './status.css';
import { RoleList } from './RoleList';
import { IMPACT_SINCE_ID, ImpactSince } from './ImpactSince';
import { firstImpactNote, type ImpactNote } from '../../../shared/views/impact-note';
import { CurrentPlan } from './CurrentPlan';
import { UmbrellaBox } from './UmbrellaBox';
import { CommsPlanBox } from './CommsPlan';
import { openSession } from '../../incidents/open-incident';
import { every } from '../../../shared/plural';
import { mayWrite, useTrust } from '../../stores/trust';

/**
 * The live status document (issue 7): a snapshot of where the response
 * stands, typed into by several people at once, with what it reads live
 * from the rest of the incident beside it, a warning once it is older than
 * the update cadence, and the updates sent from it.
 */
export function StatusView({ snapshot, readOnly }: { snapshot: IncidentSnapshot; readOnly: boolean }) {
  const now = useNow();
  const view = useMemo(() => statusDocumentOf(snapshot, now), [snapshot, now]);
  const sent = sentUpdates(snapshot.timeline);
  const header = snapshot.header;
  // Updates go out after the end too (the end is announced); the document itself closes with the timeline.
  // Sending logs the update in the incident: someone who may not write (an observer) sends nothing from here.
  const writer = mayWrite(useTrust((s) => s.access));
  const canSend = writer && snapshot.compatibility === 'ok' && !!header && openSession() !== null;
  useStatusKeys(readOnly, canSend, snapshot.incidentId);
  if (!view || !header) return null;
  const open = (dialog: 'update' | 'can' | 'glossary' | 'statuspage') => useStatusUi.getState().open(dialog);
  return (
    <section className="status" aria-label="Status document">
      <div className="status-head">
        <h2>Status document</h2>
        <span className="muted">A snapshot of now, for everyone outside the response</span>
        {canSend && (
          <>
            <button type="button" className="primary" aria-keyshortcuts={shortcutFor(STATUS_KEY_TABLE, 'update')} onClick={() => open('update')}>
              Compose update…
            </button>
            <button type="button" aria-keyshortcuts={shortcutFor(STATUS_KEY_TABLE, 'can')} onClick={() => open('can')}>
              CAN report…
            </button>
          </>
        )}
        <button type="button" aria-keyshortcuts={shortcutFor(STATUS_KEY_TABLE, 'glossary')} onClick={() => open('glossary')}>
          Glossary…
        </button>
        <button type="button" aria-keyshortcuts={shortcutFor(STATUS_KEY_TABLE, 'observer')} onClick={() => openObserverView(snapshot.incidentId)}>
          Observer view
        </button>
        <button type="button" onClick={() => open('statuspage')}>
          Public status (.json)…
        </button>
        <a className="button-link" href={`#/forms/${snapshot.incidentId}?form=all&paper=letter`}>
          ICS forms…
        </a>
      </div>
      <KeyHints table={STATUS_KEY_TABLE} permission={statusKeyPermission(readOnly, canSend)} hint={null} />
      {view.stale && <StaleWarning view={view} now={now} readOnly={readOnly} />}
      <div className="status-layout">
      <div className="status-fields">
        <CollabField field="summary" label={STATUS_FIELD_LABELS.summary} value={view.doc.summary} readOnly={readOnly} multiline hint="What is happening, in a few plain sentences." />
        <CollabField
          field="impact"
          label={STATUS_FIELD_LABELS.impact}
          value={view.doc.impact}
          readOnly={readOnly}
          multiline
          hint="Who is affected and how many; what they cannot do."
        />
        <CollabField
          field="eta"
          label={STATUS_FIELD_LABELS.eta}
          value={view.doc.eta}
          readOnly={readOnly}
          multiline={false}
          hint='In words, with how sure we are ("About an hour if the failover holds"; "Not known yet").'
        />
      </div>
      {/* What the document reads live from the rest of the incident: the plan and the roles first, where the eye lands, then the facts. */}
      <div className="status-now" role="group" aria-label="What the document reads from the incident">
        <section className="status-box status-plan" aria-label="Current plan">
          <h3>Current plan</h3>
          <CurrentPlan objectives={view.objectives} now={now} empty={readOnly ? 'No open objectives.' : 'No open objectives: set them on the Plan tab (Alt+P).'} />
        </section>
        <section className="status-box" aria-label="Roles">
          <h3>Roles</h3>
          <RoleList roles={view.roles} />
        </section>
        <CommsPlanBox plan={snapshot.comms} org={snapshot.org} canEdit={canSend && !readOnly && header.state === 'active'} incidentId={snapshot.incidentId} />
        <UmbrellaBox header={header} canLink={canSend} />
      </div>
      <aside className="status-side" aria-label="The incident's facts">
        <StatusFacts view={view} now={now} readOnly={readOnly} impactNote={firstImpactNote(snapshot)} />
        <SentUpdates updates={sent} drill={view.drill} />
      </aside>
      </div>
      <StatusDialogs view={view} snapshot={snapshot} sent={sent} canSend={canSend} />
    </section>
  );
}

/** How old the document is and how often it should be reviewed; what to do about it only to someone who can. */
function StaleWarning({ view, now, readOnly }: { view: StatusDocumentView; now: number; readOnly: boolean }) {
  return (
    <p className="notice warning status-stale" role="alert">
      <strong>This status document is {formatAge(now - view.updatedAt)} old.</strong> At {view.severity} it should be reviewed at least {every(view.cadenceMinutes, 'minute')}
      {readOnly ? '.' : ': check each field still says what is true now, then send an update.'}
    </p>
  );
}

const DAY_MS = 24 * 60 * 60_000;

/** Severity, phase, since when, the next update and who changed the document last. */
function StatusFacts({ view, now, readOnly, impactNote }: { view: StatusDocumentView; now: number; readOnly: boolean; impactNote: ImpactNote | null }) {
  const zone = zoneName(now);
  return (
    <dl className="status-facts">
      <div>
        <dt>Severity</dt>
        <dd>
          <SeverityBadge severity={view.severity} /> <span className="muted">{view.ended ? 'the severity it ended at' : view.severityMeaning}</span>
        </dd>
      </div>
      <div>
        <dt>Phase</dt>
        <dd>
          <PhasePicker phase={view.doc.phase} readOnly={readOnly} />
        </dd>
      </div>
      <div>
        <dt>{readOnly ? 'Impact since' : <label htmlFor={IMPACT_SINCE_ID}>Impact since</label>}</dt>
        <dd>
          <ImpactSince since={view.doc.impactSince} declaredAt={view.declaredAt} note={impactNote} readOnly={readOnly} />
        </dd>
      </div>
      <div>
        <dt>Next update</dt>
        <dd data-state={view.nextUpdateState ?? 'none'} className={`status-next status-next-${view.nextUpdateState ?? 'none'}`}>
          {view.nextUpdateAt === null ? (
            <span className="muted">None: the incident has ended.</span>
          ) : (
            <>
              <span className="mono">
                {view.nextUpdateAt <= now ? `overdue by ${formatElapsed(now - view.nextUpdateAt)}` : `in ${formatElapsed(view.nextUpdateAt - now)}`}
              </span>{' '}
              <span className="muted">
                at {formatTime(view.nextUpdateAt)} {zone} ({every(view.cadenceMinutes, 'min')} at {view.severity})
              </span>
            </>
          )}
        </dd>
      </div>
      <div>
        <dt>Last updated</dt>
        <dd>
          {now - view.updatedAt < 60_000 ? 'Just now' : `${formatAge(now - view.updatedAt)} ago`} by {view.updatedBy} <span className="muted">({now - view.updatedAt < DAY_MS ? `${formatTime(view.updatedAt)} ${zone}` : formatDateTime(view.updatedAt)})</span>
        </dd>
      </div>
    </dl>
  );
}

/** A time as a datetime-local input shows it: the local wall clock, to the minute. */
export function toLocalInput(at: number): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}
