import { memo } from 'react';
import { shortcutFor } from '../../components/keys/key-table';
import type { ChartResponder } from '../../../shared/incident/org-chart';
import type { RotationRule } from '../../../shared/incident/org-fold';
import { formatTime } from '../../components/format';
import { useOrgUi } from '../../stores/org-ui';
import { useTimelineUi } from '../../stores/timeline-ui';
import { attempt } from '../../components/attempt';
import { ORG_KEY_TABLE } from './keys';
import { dutyOf } from './org-format';
import { commands } from '../../incidents/commands';

interface Props {
  readonly person: ChartResponder;
  readonly roleTitles: readonly string[];
  readonly selected: boolean;
  readonly tabbable: boolean;
  readonly online: boolean | null;
  readonly rotation: RotationRule;
  readonly now: number;
  readonly readOnly: boolean;
}

/** One responder: name, incident role, time on duty, how to reach them, skills, briefed; and what can be done with them. */
export const ResponderRow = memo(function ResponderRow({ person, roleTitles, selected, tabbable, online, rotation, now, readOnly }: Props) {
  const released = person.status === 'released';
  const duty = released ? null : dutyOf(person, rotation, now);
  const select = () => useOrgUi.getState().select({ type: 'person', id: person.id });
  // Only the selected row's buttons are in the Tab order: twenty rows of buttons would bury everything after them.
  const tab = selected ? 0 : -1;
  const details = [person.skills, person.contact].filter(Boolean).join(' · ');
  return (
    <li className={`responder status-${person.status}${selected ? ' selected' : ''}${duty?.due ? ' rotate-due' : ''}`}>
      <button
        type="button"
        className="responder-main"
        data-org-item={`person:${person.id}`}
        tabIndex={tabbable ? 0 : -1}
        aria-current={selected ? 'true' : undefined}
        aria-keyshortcuts={readOnly ? undefined : 'a h m r b'}
        onFocus={select}
        onClick={select}
      >
        <span className="responder-line">
          {online !== null && <span role="img" className={`online-dot${online ? ' on' : ''}`} aria-label={online ? 'online' : 'not online'} />}
          <span className="responder-name">{person.name}</span>
          <span className="responder-role">{person.isIc ? 'Incident Commander' : roleTitles.join(' · ')}</span>
        </span>
        <span className="responder-line muted">
          {released ? (
            <span>Released {formatTime(person.releasedAt!)}</span>
          ) : (
            <span className={duty?.due ? 'rotate' : undefined}>{duty?.text}</span>
          )}
          <span>· in {formatTime(person.checkedInAt)}</span>
          {!released && <span className={person.briefed ? 'briefed' : 'unbriefed'}>· {person.briefed ? 'briefed' : 'not briefed'}</span>}
        </span>
        {details && <span className="responder-line responder-details">{details}</span>}
      </button>
      <span className="responder-actions">
        <button type="button" tabIndex={tab} aria-label={`Activity log of ${person.name}`} onClick={() => useTimelineUi.getState().showActivity({ responderId: person.id })}>
          Activity log
        </button>
        {!readOnly && (
          <>
            {!released && !person.briefed && (
              <button type="button" tabIndex={tab} aria-keyshortcuts={shortcutFor(ORG_KEY_TABLE, 'brief')} aria-label={`Mark briefed: ${person.name}`} onClick={() => attempt(() => commands.markBriefed(person.id))}>
                Mark briefed
              </button>
            )}
            {!released && (
              <button
                type="button"
                tabIndex={tab}
                aria-keyshortcuts={shortcutFor(ORG_KEY_TABLE, 'assign')}
                aria-label={`Assign ${person.name}`}
                onClick={() => {
                  select();
                  useOrgUi.getState().open({ kind: 'assign', responderId: person.id });
                }}
              >
                Assign…
              </button>
            )}
            {!released && !person.isIc && (
              <button
                type="button"
                tabIndex={tab}
                aria-keyshortcuts={shortcutFor(ORG_KEY_TABLE, 'release')}
                aria-label={`Release ${person.name}`}
                onClick={() => {
                  select();
                  useOrgUi.getState().open({ kind: 'release', responderId: person.id });
                }}
              >
                Release…
              </button>
            )}
            {released && (
              <button type="button" tabIndex={tab} aria-label={`Check ${person.name} in again`} onClick={() => attempt(() => commands.checkInAgain(person.id))}>
                Check in again
              </button>
            )}
          </>
        )}
      </span>
    </li>
  );
});
