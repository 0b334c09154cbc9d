import { useMemo } from 'react';
import type { IncidentSnapshot } from '../../../shared/incident';
import { INJECT_TYPE_LABELS, injectsInOrder, type Inject } from '../../../shared/incident/drill-scenario';
import { DRILL_MINUTE, clockAt, drillElapsedMs, wallTimeOf } from '../../../shared/incident/drill-clock';
import { DRILL_SPEEDS, injectEntryId, type DrillState } from '../../../shared/incident/drill-schema';
import { attempt } from '../../components/attempt';
import { formatElapsed, formatTime } from '../../components/format';
import { useNow } from '../../components/useNow';
import { commands } from '../../incidents/commands';
import { AfterActionScore } from './AfterActionScore';

/**
 * The facilitator's view of a drill: the whole script with each inject's
 * state, the next one's countdown, hold / release / deliver now, and the
 * drill's speed. Whoever opens it is facilitating; a hold is written to the
 * incident, so it stops delivery on every machine. Once the end is
 * declared, the after-action score takes the clock's place.
 */
export function ExerciseControl({ snapshot, drill, readOnly }: { snapshot: IncidentSnapshot; drill: DrillState; readOnly: boolean }) {
  const now = useNow();
  const header = snapshot.header!;
  const ended = header.state === 'ended';
  const at = ended && header.endedAt !== null ? header.endedAt : now;
  const elapsed = drillElapsedMs(drill.clock, at);
  const { speed, paused } = clockAt(drill.clock, at);
  const script = injectsInOrder(drill.scenario);
  // Read once per change of the timeline, not at every tick of the countdown.
  const delivered = useMemo(() => new Map(snapshot.timeline.toArray().flatMap((e) => (e.kind === 'inject' ? [[e.id, e.at] as const] : []))), [snapshot.timeline]);
  const deliveredAt = (inject: Inject) => delivered.get(injectEntryId(inject.id)) ?? null;
  const pending = script.filter((i) => deliveredAt(i) === null);
  const next = pending.find((i) => !drill.holds.get(i.id)?.held);
  const nextAt = next ? wallTimeOf(drill.clock, next.at * DRILL_MINUTE, now) : null;
  const control = !readOnly && !ended;

  return (
    <section className="exercise-control" aria-labelledby="exercise-control-title">
      <header className="exercise-head">
        <h2 id="exercise-control-title">
          <span className="pill drill">Drill</span> Exercise control: {drill.scenario.title}
        </h2>
        <p className="muted">{drill.scenario.summary}</p>
        <p className="muted">
          This view shows the whole script: it is the facilitator’s. Players stay on the other tabs. A hold stops delivery on every machine; injects are delivered while
          this drill is open on at least one machine that may write.
        </p>
      </header>
      {ended ? (
        <AfterActionScore snapshot={snapshot} drill={drill} />
      ) : (
        <div className="exercise-clock" role="group" aria-label="Drill clock">
          <p>
            Drill time <strong className="drill-time">T+{formatElapsed(elapsed)}</strong> at ×{speed}
            {paused ? ' (paused)' : ''}.{' '}
            <span role="status" className="next-inject">
              {next
                ? nextAt === null
                  ? `Next inject, ${next.id}, at T+${next.at}: the clock is paused.`
                  : `Next inject, ${next.id}, in ${formatElapsed(nextAt - now)}.`
                : pending.length
                  ? 'Every inject still to come is held.'
                  : 'Every inject has been delivered.'}
            </span>
          </p>
          {control && (
            <div className="exercise-buttons">
              <fieldset className="speed-choice">
                <legend>Speed</legend>
                {DRILL_SPEEDS.map((s) => (
                  <label key={s}>
                    <input type="radio" name="drill-speed" checked={speed === s} onChange={() => attempt(() => commands.setDrillClock({ speed: s, paused }))} />×{s}
                  </label>
                ))}
              </fieldset>
              <button type="button" onClick={() => attempt(() => commands.setDrillClock({ speed, paused: !paused }))}>
                {paused ? 'Resume the clock' : 'Pause the clock'}
              </button>
            </div>
          )}
        </div>
      )}
      <h3>Script</h3>
      <ol className="drill-script">
        {script.map((inject) => {
          const arrived = deliveredAt(inject);
          const hold = drill.holds.get(inject.id);
          const state = arrived !== null ? `Delivered ${formatTime(arrived)}` : hold?.held ? `Held by ${hold.by}` : ended ? 'Not delivered' : 'Pending';
          return (
            <li key={inject.id} className={`inject inject-${arrived !== null ? 'delivered' : hold?.held ? 'held' : 'pending'}`} aria-label={`T+${inject.at} ${inject.id}: ${state}`}>
              <span className="inject-time">T+{inject.at}</span>
              <span className="inject-body">
                <strong>{INJECT_TYPE_LABELS[inject.type]}</strong> <code>{inject.id}</code>
                <span className="inject-text">{inject.text}</span>
              </span>
              <span className="inject-state">{state}</span>
              {control && arrived === null && (
                <span className="inject-actions">
                  {hold?.held ? (
                    <button type="button" onClick={() => attempt(() => commands.releaseInject(inject.id))} aria-label={`Release ${inject.id}`}>
                      Release
                    </button>
                  ) : (
                    <button type="button" onClick={() => attempt(() => commands.holdInject(inject.id))} aria-label={`Hold ${inject.id}`}>
                      Hold
                    </button>
                  )}
                  <button type="button" onClick={() => attempt(() => commands.deliverInject(inject.id))} aria-label={`Deliver now: ${inject.id}`}>
                    Deliver now
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {readOnly && !ended && <p className="muted">Only a responder can hold, release or deliver injects; an observer follows the script.</p>}
    </section>
  );
}
