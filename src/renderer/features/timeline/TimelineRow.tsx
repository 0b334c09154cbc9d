import { memo } from 'react';
import { shortcutFor } from '../../components/keys/key-table';
import { creditLabel, creditOf, isAmendable, isBackdated, type EntryAmendments } from '../../../shared/incident';
import { formatAge, formatClock, zoneOf } from '../../components/format';
import type { PlanView } from '../../../shared/incident/plan-view';
import { useTimelineUi } from '../../stores/timeline-ui';
import { attempt } from '../../components/attempt';
import { derivedFrom, isDerived, rowLabel, type TimelineRow as Row } from '../../../shared/views/entry-types';
import { splitMatches } from './filter';
import { TIMELINE_KEY_TABLE, adoptable, timelineOutcome, type TimelineAccess } from './timeline-keys';
import { adoptIntoPlan, showPlanItem } from '../plan/plan-links';
import { commands } from '../../incidents/commands';

interface Props {
  readonly row: Row;
  readonly amended: EntryAmendments | undefined;
  /** The plan, for what a decision or an action became in it (or may become). */
  readonly plan: PlanView | null;
  /** Org or plan changes a concurrent change beat: why this one did not apply. */
  readonly refusal: string | undefined;
  readonly selected: boolean;
  readonly expanded: boolean;
  readonly access: TimelineAccess;
  readonly utc: boolean;
  readonly query: string;
}

/** A time with its zone, in the zone the timeline is set to. */
export function Clock({ at, utc }: { at: number; utc: boolean }) {
  return (
    <time dateTime={new Date(at).toISOString()} title={new Date(at).toString()}>
      {formatClock(at, utc)} <span className="zone">{zoneOf(at, utc)}</span>
    </time>
  );
}

const short = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);

/**
 * One entry: its key-event star, time, type, text (edited ones in their
 * latest version, struck ones crossed out with the reason), author (a link
 * to their activity log) and what can be done with it. Only the selected
 * row's controls are in the Tab order; the keys act on it too.
 */
export const TimelineRow = memo(function TimelineRow({ row, amended, plan, refusal, selected, expanded, access, utc, query }: Props) {
  const tab = selected ? 0 : -1;
  if (isDerived(row)) {
    return (
      <>
        <span className="star-slot" />
        <Clock at={row.at} utc={utc} />
        <span className="kind">{rowLabel(row)}</span>
        <span className="text">
          <Highlighted text={row.text} query={query} />
        </span>
        <span className="derived-tag" title={derivedFrom(row)}>
          derived
        </span>
      </>
    );
  }
  const text = amended?.text ?? row.text;
  const struck = amended?.struck ?? null;
  const versions = amended?.versions ?? [];
  const edited = versions.length > 1;
  const amendable = isAmendable(row) && !struck && access === 'write';
  const briefing = row.kind === 'org' && row.org.change === 'handover-offer' ? row.org.briefing : null;
  const message = row.kind === 'update' ? row.body : null;
  const ui = () => useTimelineUi.getState();
  const select = () => ui().select(row.id);
  const key = amended?.key ?? false;
  const label = short(text);
  const backdated = isBackdated(row);
  const adoption = plan?.adopted.get(row.id);
  const offer = access === 'write' && adoptable(row, amended, plan);
  const adopt = () => {
    select();
    const outcome = timelineOutcome('adopt', row, amended, access, plan);
    if ('adopt' in outcome) adoptIntoPlan(outcome.adopt);
    else if ('hint' in outcome) ui().say(outcome.hint);
  };
  return (
    <>
      {access === 'read' ? (
        // Nothing here writes: a key event is marked, and nothing offers to mark one.
        <span className={`star-slot${key ? ' star on' : ''}`} title={key ? 'Key event' : undefined}>
          {key && <span aria-label="Key event">★</span>}
        </span>
      ) : (
        <button
          type="button"
          className={`star${key ? ' on' : ''}`}
          tabIndex={tab}
          aria-pressed={key}
          aria-label={`Key event: ${label}`}
          aria-keyshortcuts={shortcutFor(TIMELINE_KEY_TABLE, 'key')}
          onClick={() => {
            select();
            attempt(() => commands.setKeyEntry({ eventId: row.id, key: !key }));
          }}
        >
          {key ? '★' : '☆'}
        </button>
      )}
      <Clock at={row.at} utc={utc} />
      <span className="kind">{rowLabel(row)}</span>
      <span className="text">
        {struck ? (
          <del>
            <Highlighted text={text} query={query} />
          </del>
        ) : (
          <Highlighted text={text} query={query} />
        )}
        {adoption && (
          <span className="in-plan-tag" title={`Adopted into the plan as a ${adoption.kind}`}>
            in the plan
          </span>
        )}
        {refusal && (
          <span className="refusal">
            <strong>Not applied:</strong> {refusal}
            {row.kind === 'org' || row.kind === 'plan' ? ' (a change made at the same time on another machine came first.)' : ''}
          </span>
        )}
        {briefing && (
          <details className="event-briefing">
            <summary>Briefing</summary>
            <pre>{briefing}</pre>
          </details>
        )}
        {message && (
          <details className="event-briefing">
            <summary>Message</summary>
            <pre>{message}</pre>
          </details>
        )}
      </span>
      <span className="author">
        <button type="button" className="link" tabIndex={tab} aria-label={`Activity log of ${creditLabel(row)}`} aria-keyshortcuts="a" onClick={() => ui().showActivity({ name: creditOf(row) })}>
          {creditLabel(row)}
        </button>
        {row.for && (
          <span className="logged-by" title={`logged by ${row.author}`}>
            logged by {row.author}
          </span>
        )}
      </span>
      <span className="row-actions">
        {adoption && (
          <button type="button" tabIndex={tab} aria-label={`Show in the plan: ${label}`} onClick={() => showPlanItem(adoption)}>
            Show in plan
          </button>
        )}
        {offer && (
          <button type="button" tabIndex={tab} aria-label={`Into the plan: ${label}`} aria-keyshortcuts={shortcutFor(TIMELINE_KEY_TABLE, 'adopt')} onClick={adopt}>
            Into the plan…
          </button>
        )}
        {amendable && (
          <>
            <button type="button" tabIndex={tab} aria-label={`Edit: ${label}`} aria-keyshortcuts="e" onClick={() => ui().open({ kind: 'edit', eventId: row.id })}>
              Edit
            </button>
            <button type="button" tabIndex={tab} aria-label={`Strike through: ${label}`} aria-keyshortcuts={shortcutFor(TIMELINE_KEY_TABLE, 'strike')} onClick={() => ui().open({ kind: 'strike', eventId: row.id })}>
              Strike…
            </button>
          </>
        )}
        {edited && (
          <button type="button" tabIndex={tab} aria-expanded={expanded} aria-label={`History of: ${label}`} aria-keyshortcuts="h" onClick={() => ui().toggleHistory(row.id)}>
            History ({versions.length})
          </button>
        )}
      </span>
      {(struck || edited || backdated) && (
        <span className="entry-notes">
          {backdated && (
            <span className="backdated-note">
              Backdated: logged at <Clock at={row.loggedAt} utc={utc} />, {formatAge(row.loggedAt - row.at)} after it happened
            </span>
          )}
          {struck && (
            <span className="struck-note">
              Struck through by {struck.by} at <Clock at={struck.at} utc={utc} />: {struck.reason}
            </span>
          )}
          {edited && !expanded && (
            <span className="edited-note">
              Edited by {versions[versions.length - 1]!.by} at <Clock at={versions[versions.length - 1]!.at} utc={utc} />
            </span>
          )}
          {edited && expanded && (
            <ol className="versions" aria-label="Earlier versions, the original first">
              {versions.map((v, i) => (
                <li key={v.id} className={i === versions.length - 1 ? 'current' : undefined}>
                  <span className="version-head">
                    {i === 0 ? 'Original' : i === versions.length - 1 ? 'Current' : `Version ${i + 1}`} by {v.by} at <Clock at={v.at} utc={utc} />
                    {v.concurrent && <em> (edited at the same time as another; both are kept)</em>}
                  </span>
                  <span className="version-text">{v.text}</span>
                </li>
              ))}
            </ol>
          )}
        </span>
      )}
    </>
  );
});

/** The text with the search matches marked; cheap, since only the rows on screen render. */
function Highlighted({ text, query }: { text: string; query: string }) {
  const parts = splitMatches(text, query);
  if (parts.length === 1) return <>{text}</>;
  return <>{parts.map((part, i) => (i % 2 ? <mark key={i}>{part}</mark> : part))}</>;
}
