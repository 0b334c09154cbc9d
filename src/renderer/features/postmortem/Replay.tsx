import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { byline, EVENT_KIND_LABELS, STATUS_PHASE_LABELS, type IncidentSnapshot } from '../../../shared/incident';
import { keySteps, momentAt, replaySteps, type IncidentMoment } from '../../../shared/views/moment';
import { formatDuration, utcClockSecond, utcTime } from '../../../shared/report/postmortem-draft';
import { SeverityBadge } from '../../components/SeverityBadge';
import { characterShortcutsOn } from '../../components/keys/typing';

/**
 * The replay for the review meeting: step through the incident forward
 * from the declaration, one entry at a time, and see the timeline, the org
 * chart and the plan as they stood then. Working forward, not back from
 * the resolution, keeps the review to what was known at each moment. Its
 * line says where the response stood: severity, phase, wartime or ended.
 *
 * The slider takes the keys (arrows one entry, Page Up/Down ten, Home/End
 * the ends, [ and ] the previous and next key event), and says where it is.
 */
export function Replay({ snapshot }: { snapshot: IncidentSnapshot }) {
  const steps = replaySteps(snapshot.timeline).events.length;
  const [step, setStep] = useState(0);
  const slider = useRef<HTMLInputElement>(null);
  const amendments = snapshot.amendments;
  const keys = useMemo(() => keySteps(snapshot.timeline, (e) => amendments.get(e.id)?.key ?? false), [snapshot.timeline, amendments]);
  const phaseNow = snapshot.status.phase;
  const moment = useMemo(() => momentAt(snapshot.timeline, step, { phaseNow }), [snapshot.timeline, step, phaseNow]);
  useEffect(() => slider.current?.focus(), []);
  if (!moment || !snapshot.header) return <p className="muted">Nothing to replay yet.</p>;
  const declaredAt = snapshot.header.declaredAt;
  const go = (to: number) => setStep(Math.max(0, Math.min(steps - 1, to)));
  const previousKey = () => go([...keys].reverse().find((k) => k < step) ?? 0);
  const nextKey = () => go(keys.find((k) => k > step) ?? steps - 1);
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // [ and ] are character keys: off with the other single keys (Settings); the buttons beside the slider remain.
    if (!characterShortcutsOn()) return;
    if (event.key === '[') previousKey();
    else if (event.key === ']') nextKey();
    else return;
    event.preventDefault();
  };
  const where = `${utcTime(moment.at)}, ${formatDuration(moment.at - declaredAt)} after the declaration`;
  return (
    <section className="pm-replay" aria-label="Replay">
      <div className="pm-replay-controls">
        <button type="button" onClick={() => go(0)} aria-label="To the declaration" aria-keyshortcuts="Home">
          Start
        </button>
        <button type="button" onClick={previousKey} aria-label="Previous key event" aria-keyshortcuts="[">
          ◀◀
        </button>
        <button type="button" onClick={() => go(step - 1)} aria-label="One entry back">
          ◀
        </button>
        <input
          ref={slider}
          type="range"
          min={0}
          max={steps - 1}
          value={moment.step}
          aria-label="Moment in the incident"
          aria-valuetext={`Entry ${moment.step + 1} of ${steps}: ${where}. ${EVENT_KIND_LABELS[moment.event.kind]}: ${moment.recent[moment.recent.length - 1]?.text ?? ''}`}
          onChange={(e) => go(Number(e.target.value))}
          onKeyDown={onKeyDown}
        />
        <button type="button" onClick={() => go(step + 1)} aria-label="One entry on">
          ▶
        </button>
        <button type="button" onClick={nextKey} aria-label="Next key event" aria-keyshortcuts="]">
          ▶▶
        </button>
        <button type="button" onClick={() => go(steps - 1)} aria-label="To the last entry" aria-keyshortcuts="End">
          End
        </button>
      </div>
      <p className="pm-replay-where" role="status" aria-live="polite">
        <strong>{where}</strong> · entry {moment.step + 1} of {steps} · {moment.severity && <SeverityBadge severity={moment.severity} />}{' '}
        {moment.phase && (
          <span className={`pill pm-replay-phase phase-${moment.phase}`} title="The status document's phase at this moment">
            {STATUS_PHASE_LABELS[moment.phase]}
          </span>
        )}{' '}
        {moment.ended ? <span className="pill state-ended">Ended</span> : <span className="muted">wartime</span>}
      </p>
      <div className="pm-replay-panes">
        <RecentEntries moment={moment} />
        <ChartThen moment={moment} />
        <PlanThen moment={moment} />
      </div>
    </section>
  );
}

function RecentEntries({ moment }: { moment: IncidentMoment }) {
  return (
    <section className="pm-replay-pane" aria-label="Timeline up to this moment">
      <h3>Timeline so far</h3>
      <ol className="pm-replay-entries">
        {moment.recent.map((entry, i) => (
          <li key={entry.event.id} className={`${i === moment.recent.length - 1 ? 'current' : ''}${entry.struck ? ' struck' : ''}`} aria-current={i === moment.recent.length - 1 ? 'step' : undefined}>
            <span className="mono">{utcClockSecond(entry.event.at)}</span> {entry.key && <span className="pm-mark" aria-label="key event">★</span>}{' '}
            <span className="muted">{EVENT_KIND_LABELS[entry.event.kind]}</span> <span className="pm-replay-text">{entry.text}</span>
            {entry.struck && <span className="muted"> (struck through: {entry.struck})</span>}{' '}
            <span className="muted">· {byline(entry.event)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function ChartThen({ moment }: { moment: IncidentMoment }) {
  const org = moment.org;
  if (!org) return null;
  const name = (id: string | null) => org.responders.find((r) => r.id === id)?.name ?? '';
  const staging = org.responders.filter((r) => r.status === 'staging');
  return (
    <section className="pm-replay-pane" aria-label="Org chart at this moment">
      <h3>Org chart then</h3>
      <ul className="pm-replay-chart">
        {org.roles.map((role) => (
          <li key={role.id} style={{ paddingLeft: `${role.depth * 1.1}em` }}>
            <span className="pm-role-title">{role.title}</span>{' '}
            {role.depth === 0 ? name(org.icId) : role.holderId === null ? <span className="muted">held by the IC</span> : name(role.holderId)}
          </li>
        ))}
      </ul>
      {staging.length > 0 && <p className="muted">Staging: {staging.map((r) => r.name).join(', ')}</p>}
    </section>
  );
}

function PlanThen({ moment }: { moment: IncidentMoment }) {
  const plan = moment.plan;
  if (!plan) return null;
  const open = plan.decisions.filter((d) => d.outcome === null);
  return (
    <section className="pm-replay-pane" aria-label="Plan at this moment">
      <h3>Plan then</h3>
      {plan.objectives.length === 0 ? (
        <p className="muted">No objectives yet.</p>
      ) : (
        <ol className="pm-replay-plan">
          {plan.objectives.map((o) => (
            <li key={o.id} className={o.closed ? 'closed' : undefined}>
              {o.text} {o.closed && <span className="muted">({o.closed})</span>}
              {o.tasks.length > 0 && (
                <ul>
                  {o.tasks.map((t) => (
                    <li key={t.id}>
                      {t.text} <span className="muted">· {t.ownerLabel} · {taskState(t.status, t.dueAt, moment.at)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
      {open.length > 0 && <p className="muted">Proposed, not decided: {open.map((d) => d.text).join('; ')}</p>}
      {plan.inFlight.length > 0 && <p className="muted">Changes in flight: {plan.inFlight.map((c) => c.text).join('; ')}</p>}
    </section>
  );
}

function taskState(status: string, dueAt: number | null, at: number): string {
  if (status !== 'open' && status !== 'blocked') return status;
  if (dueAt === null) return status;
  const left = dueAt - at;
  return left >= 0 ? `${status}, ${formatDuration(left)} left` : `${status}, over by ${formatDuration(-left)}`;
}
