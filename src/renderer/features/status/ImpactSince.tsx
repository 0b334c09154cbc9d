import { useState, type KeyboardEvent } from 'react';
import { parseStatedTime, STATED_TIME_FORMS } from '../../../shared/incident';
import type { ImpactNote } from '../../../shared/views/impact-note';
import { formatClock, formatDateTimeIn, zoneOf } from '../../components/format';
import { shortcutFor } from '../../components/keys/key-table';
import { commands } from '../../incidents/commands';
import { incidentNow } from '../../incidents/clock';
import { useTimelineUi } from '../../stores/timeline-ui';
import { messageOf } from '../../components/attempt';
import { STATUS_KEY_TABLE } from './status-key-list';

export const IMPACT_SINCE_ID = 'status-impact-since';
export const IMPACT_NOTE_BUTTON_ID = 'status-impact-note';

const DAY_MS = 24 * 3_600_000;

interface Props {
  readonly since: number | null;
  readonly declaredAt: number;
  /** The first impact note in the timeline, offered as the start (one key: i). */
  readonly note: ImpactNote | null;
  readonly readOnly: boolean;
}

/** "Impact since": typed where this machine may write, read as text where it may not (an observer, an ended incident). */
export function ImpactSince({ readOnly, ...props }: Props) {
  return readOnly ? <ImpactSinceText since={props.since} /> : <ImpactSinceField {...props} />;
}

/** The time as text, the day too when it is not recent; "Not known" when nobody has set it. */
function ImpactSinceText({ since }: { since: number | null }) {
  const utc = useTimelineUi((s) => s.utc);
  if (since === null) return <span className="muted">Not known</span>;
  return (
    <>
      <span className="mono">{formatClock(since, utc)}</span> <span className="muted">{zoneOf(since, utc)}</span>
      {incidentNow() - since >= DAY_MS / 2 && <small className="impact-since-hint muted">{formatDateTimeIn(since, utc)}</small>}
    </>
  );
}

/**
 * "Impact since": when customers were first hit, typed from the keyboard as
 * the timeline shows times (09:30, -45m, now; local or UTC), or the first
 * impact note's time in one key. Enter sets it, an empty field clears it,
 * Escape puts back what is set; what cannot be read says why, in place.
 */
function ImpactSinceField({ since, declaredAt, note }: Omit<Props, 'readOnly'>) {
  const utc = useTimelineUi((s) => s.utc);
  const shown = since === null ? '' : formatClock(since, utc);
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const zone = zoneOf(since ?? incidentNow(), utc);

  function set(at: number | null): boolean {
    try {
      commands.setImpactSince(at);
      setDraft(null);
      setProblem(null);
      return true;
    } catch (caught) {
      setProblem(messageOf(caught));
      return false;
    }
  }

  function commit(): void {
    if (draft === null || draft.trim() === shown) {
      setDraft(null);
      return;
    }
    if (!draft.trim()) {
      set(null);
      return;
    }
    const stated = parseStatedTime(draft, { now: incidentNow(), utc, declaredAt });
    if (stated.ok) set(stated.at);
    else setProblem(stated.message);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape') {
      // The first Escape puts the set time back; the next leaves the field, so the tab's keys act again.
      event.preventDefault();
      event.stopPropagation();
      if (draft === null && problem === null) event.currentTarget.blur();
      setDraft(null);
      setProblem(null);
    }
  }

  return (
    <>
      <span className="impact-since">
        <input
          id={IMPACT_SINCE_ID}
          className="impact-since-input"
          value={draft ?? shown}
          placeholder="09:30 or -45m"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={problem !== null}
          aria-describedby="impact-since-hint"
          aria-keyshortcuts={shortcutFor(STATUS_KEY_TABLE, 'since')}
          onChange={(event) => {
            setDraft(event.target.value);
            setProblem(null);
          }}
          onFocus={(event) => event.target.select()}
          onBlur={commit}
          onKeyDown={onKeyDown}
        />
        <span className="muted">{zone}</span>
        <button type="button" onClick={() => set(incidentNow())}>
          Now
        </button>
        {note && (
          <button
            type="button"
            id={IMPACT_NOTE_BUTTON_ID}
            aria-keyshortcuts={shortcutFor(STATUS_KEY_TABLE, 'impact-note')}
            title={`The first impact note: ${note.text}`}
            onClick={() => set(note.at)}
            disabled={since === note.at}
          >
            {formatClock(note.at, utc)}: impact note
          </button>
        )}
      </span>
      <small id="impact-since-hint" className={`impact-since-hint ${problem ? 'form-error' : 'muted'}`} role={problem ? 'alert' : undefined}>
        {problem ?? (since !== null && incidentNow() - since >= DAY_MS / 2 ? formatDateTimeIn(since, utc) : `Type ${STATED_TIME_FORMS}, then Enter.`)}
      </small>
    </>
  );
}
