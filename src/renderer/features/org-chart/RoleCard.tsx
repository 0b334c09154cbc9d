import { memo } from 'react';
import type { HandoverState, RotationRule } from '../../../shared/incident/org-fold';
import type { ChartResponder, ChartRole } from '../../../shared/incident/org-chart';
import { useOrgUi } from '../../stores/org-ui';
import { attempt } from '../../components/attempt';
import { dutyOf, reportsLabel, spanLevel } from './org-format';
import { commands } from '../../incidents/commands';

export interface RoleCardProps {
  readonly role: ChartRole;
  /** Who holds it; null: the IC does (the role is not delegated yet). */
  readonly holder: ChartResponder | null;
  readonly icName: string;
  /** Direct reports of the holder, shown on their first role only; null for none. */
  readonly reports: number | null;
  /** The IC holds this role as well: flagged. */
  readonly icHolds: boolean;
  readonly pending: HandoverState | null;
  readonly pendingToName: string;
  readonly selected: boolean;
  readonly tabbable: boolean;
  readonly online: boolean | null;
  readonly rotation: RotationRule;
  readonly now: number;
  readonly readOnly: boolean;
}

/**
 * One role on the chart: its title (people appear by incident role), who
 * holds it, their time on duty and whether they are briefed, the span of
 * control of a lead, and a handover waiting for its acknowledgement.
 */
export const RoleCard = memo(function RoleCard(p: RoleCardProps) {
  const { role, holder } = p;
  const duty = holder ? dutyOf(holder, p.rotation, p.now) : null;
  const unbriefed = holder !== null && !holder.briefed;
  const level = p.reports === null ? null : spanLevel(p.reports);
  const classes = [
    'role-card',
    holder ? 'held' : 'vacant',
    p.selected && 'selected',
    level === 'over' && 'span-over',
    p.icHolds && 'flagged',
    duty?.due && 'rotate-due',
    p.pending && 'handing-over',
  ].filter(Boolean);
  const select = () => useOrgUi.getState().select({ type: 'role', id: role.id });
  const openDetails = () => useOrgUi.getState().open({ kind: 'role', roleId: role.id });
  return (
    <div className={classes.join(' ')}>
      <button
        type="button"
        className="role-main"
        data-org-item={`role:${role.id}`}
        tabIndex={p.tabbable ? 0 : -1}
        aria-current={p.selected ? 'true' : undefined}
        // Read-only, Enter alone acts on a card: the chart's other keys write.
        aria-keyshortcuts={p.readOnly ? 'Enter' : 'Enter a h m r b'}
        title="Enter or double-click: what the role is for and its duties"
        onFocus={select}
        // As in a file manager, Figma or Linear's lists: a click selects the card, so the chart's
        // keys (h, m, a…) act on it at once; opening is a second gesture, Enter or a double click.
        // A click that opened the details would put a dialog between the user and those keys.
        // (A click from Enter or Space has no pointer detail: that is the keyboard's "open".)
        onClick={(event) => {
          select();
          if (event.detail === 0) openDetails();
        }}
        onDoubleClick={openDetails}
      >
        <span className="role-line">
          <span className="role-title" title={role.title}>
            {role.title}
          </span>
          {duty && (
            <span className={`role-duty${duty.due ? ' rotate' : ''}`} title="Time on duty">
              <span className="sr-only">, on duty </span>
              {duty.clock}
            </span>
          )}
        </span>
        <span className="role-line">
          <span className="sr-only">, </span>
          {holder ? (
            <span className="role-holder" title={holder.name}>
              {p.online !== null && <span role="img" className={`online-dot${p.online ? ' on' : ''}`} aria-label={p.online ? 'online' : 'not online'} />}
              <span className="holder-name">{holder.name}</span>
              {holder.briefed && (
                <span className="briefed-mark" role="img" aria-label="briefed" title="Briefed">
                  ✓
                </span>
              )}
            </span>
          ) : (
            <span className="role-holder by-ic" title={`Not delegated yet: the IC, ${p.icName}, holds it`}>
              Held by IC · {p.icName}
            </span>
          )}
          {p.reports !== null ? (
            <>
              <span className="sr-only">, </span>
              <span className={`span-badge span-${level}`} title="People reporting directly (5 is ideal, 7 the most)">
                {reportsLabel(p.reports)}
              </span>
            </>
          ) : (
            unbriefed && <Unbriefed />
          )}
        </span>
        {/* A third line only when something needs doing: a lead to brief, a rotation, the IC holding this. */}
        {unbriefed && p.reports !== null && <Unbriefed />}
        {duty?.due && <span className="role-note rotate">{duty.text}</span>}
        {p.icHolds && <span className="role-note role-flag">The IC holds this too</span>}
      </button>
      {p.pending && <PendingHandover handover={p.pending} toName={p.pendingToName} readOnly={p.readOnly} />}
    </div>
  );
});

function Unbriefed() {
  return (
    <>
      <span className="sr-only">, </span>
      <span className="role-note unbriefed">not briefed</span>
    </>
  );
}

function PendingHandover({ handover, toName, readOnly }: { handover: HandoverState; toName: string; readOnly: boolean }) {
  return (
    <div className="pending-handover" role="status">
      <span>Handover to {toName} waiting for acknowledgement</span>
      {!readOnly && (
        <span className="pending-actions">
          <button type="button" onClick={() => useOrgUi.getState().open({ kind: 'acknowledge', handoverId: handover.id })}>
            Acknowledge…
          </button>
          <button
            type="button"
            aria-label={`Cancel the handover to ${toName}`}
            onClick={() => attempt(() => commands.cancelHandover(handover.id))}
          >
            Cancel
          </button>
        </span>
      )}
    </div>
  );
}
