import { useCallback } from 'react';
import { businessDaysBetween, formatYmd } from '../../../shared/ics/business-days';
import { POSTMORTEM_LAYOUT_LABELS, POSTMORTEM_STATUS_LABELS, POSTMORTEM_STATUSES, type IncidentSnapshot, type PostmortemStatus } from '../../../shared/incident';
import { formatDateTime } from '../../components/format';
import { shortcutFor } from '../../components/keys/key-table';
import { KeyHints } from '../../components/keys/KeyHints';
import { useNow } from '../../components/useNow';
import { localYmd, usePostmortemUi } from '../../stores/postmortem';
import { useUi } from '../../stores/ui';
import { useIdentity } from '../../incidents/identity-store';
import { attempt } from '../../components/attempt';
import { Draft } from './Draft';
import { gatheredMessage } from './gathered';
import { Replay } from './Replay';
import { saveExport } from './export-files';
import { PostmortemDialogs } from './PostmortemDialogs';
import { POSTMORTEM_KEY_TABLE } from './postmortem-keys';
import { usePostmortemKeys } from './usePostmortemKeys';
import './postmortem.css';
import { commands } from '../../incidents/commands';
import { addNotice } from '../../stores/notices';
import { count } from '../../../shared/plural';

/**
 * The Postmortem tab (issue 8): who owns it and by when, the meeting, the
 * closing notice, the blameless draft in PagerDuty's or Google SRE's
 * layout, the action items, the files, and a replay of the incident for
 * the review meeting.
 */
export function PostmortemView({ snapshot, readOnly }: { snapshot: IncidentSnapshot; readOnly: boolean }) {
  const pm = snapshot.postmortem;
  const view = usePostmortemUi((s) => s.view);
  const run = useCallback(
    (action: 'layout' | 'gather') => {
      if (action === 'layout') attempt(() => commands.setPostmortemLayout(pm.layout === 'pagerduty' ? 'google' : 'pagerduty'));
      else gather();
    },
    [pm.layout],
  );
  usePostmortemKeys(readOnly, run);
  const header = snapshot.header;
  if (!header) return null;
  const open = (dialog: 'owner' | 'meeting' | 'export') => usePostmortemUi.getState().open(dialog);
  return (
    <section className="postmortem" aria-label="Postmortem">
      <div className="pm-head">
        <h2>Postmortem</h2>
        <span className="muted">Blameless: what happened and how, never who</span>
        {!readOnly && (
          <>
            <button type="button" aria-keyshortcuts={shortcutFor(POSTMORTEM_KEY_TABLE, 'owner')} onClick={() => open('owner')}>
              Owner and due date…
            </button>
            <button type="button" aria-keyshortcuts={shortcutFor(POSTMORTEM_KEY_TABLE, 'meeting')} onClick={() => open('meeting')}>
              Meeting…
            </button>
            <button type="button" aria-keyshortcuts={shortcutFor(POSTMORTEM_KEY_TABLE, 'closing')} onClick={() => useUi.getState().openDialog('closing')}>
              Closing notice…
            </button>
          </>
        )}
        <button type="button" aria-keyshortcuts={shortcutFor(POSTMORTEM_KEY_TABLE, 'export')} onClick={() => open('export')}>
          Export…
        </button>
        <button type="button" aria-keyshortcuts={shortcutFor(POSTMORTEM_KEY_TABLE, 'replay')} aria-pressed={view === 'replay'} onClick={() => usePostmortemUi.getState().show(view === 'replay' ? 'draft' : 'replay')}>
          {view === 'replay' ? 'Back to the draft' : 'Replay the incident'}
        </button>
      </div>
      <KeyHints table={POSTMORTEM_KEY_TABLE} permission={{ readOnly }} hint={null} />
      <PostmortemFacts snapshot={snapshot} readOnly={readOnly} />
      {view === 'replay' ? <Replay snapshot={snapshot} /> : <Draft snapshot={snapshot} readOnly={readOnly} />}
      <PostmortemDialogs snapshot={snapshot} readOnly={readOnly} />
    </section>
  );
}

function gather() {
  attempt(() => {
    const { added, left } = commands.gatherFollowups();
    addNotice(left ? 'warning' : 'info', gatheredMessage(added, left));
  });
}

/** The meeting's calendar file; from a machine with no name yet, the export dialog, which asks for it first (the file says who exported it). */
function saveMeeting(snapshot: IncidentSnapshot): void {
  if (useIdentity.getState().name.trim()) void saveExport('ics', snapshot);
  else usePostmortemUi.getState().open('export');
}

/** Owner, due date (and how far off it is), the meeting and the review status, at a glance; read-only, no key to press and nothing to change. */
function PostmortemFacts({ snapshot, readOnly }: { snapshot: IncidentSnapshot; readOnly: boolean }) {
  const now = useNow();
  const pm = snapshot.postmortem;
  const today = localYmd(now);
  const left = pm.dueDate ? businessDaysBetween(today, pm.dueDate) : null;
  return (
    <dl className="pm-facts">
      <div>
        <dt>Owner</dt>
        <dd>{pm.owner ? <strong>{pm.owner}</strong> : <span className="muted">{readOnly ? 'Nobody yet.' : 'Nobody yet: give it to one person (o).'}</span>}</dd>
      </div>
      <div>
        <dt>Due</dt>
        <dd className={left !== null && left < 0 ? 'pm-overdue' : undefined}>
          {pm.dueDate ? (
            <>
              {formatYmd(pm.dueDate)}{' '}
              <span className="muted">
                ({left === 0 ? 'today' : left! > 0 ? `in ${count(left!, 'business day')}` : `overdue by ${count(-left!, 'business day')}`})
              </span>
            </>
          ) : (
            <span className="muted">{readOnly ? 'Not set.' : 'Set with the owner.'}</span>
          )}
        </dd>
      </div>
      <div>
        <dt>Meeting</dt>
        <dd>
          {pm.meeting ? (
            <>
              {formatDateTime(pm.meeting.at)}, {pm.meeting.minutes} min{pm.meeting.where ? ` · ${pm.meeting.where}` : ''}{' '}
              <button type="button" className="linklike" onClick={() => saveMeeting(snapshot)}>
                Calendar file (.ics)
              </button>
            </>
          ) : (
            <span className="muted">{readOnly ? 'Not scheduled.' : 'Not scheduled (m).'}</span>
          )}
        </dd>
      </div>
      <div>
        <dt>{readOnly ? 'Status' : <label htmlFor="pm-status">Status</label>}</dt>
        <dd>
          {readOnly ? (
            <strong>{POSTMORTEM_STATUS_LABELS[pm.status]}</strong>
          ) : (
            <select id="pm-status" value={pm.status} onChange={(e) => attempt(() => commands.setPostmortemStatus(e.target.value as PostmortemStatus))}>
              {POSTMORTEM_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {POSTMORTEM_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          )}{' '}
          <span className="muted">Layout: {POSTMORTEM_LAYOUT_LABELS[pm.layout]}</span>
        </dd>
      </div>
    </dl>
  );
}
