import { shortcutFor } from '../../../components/keys/key-table';
import { NoLongerThere } from './NoLongerThere';
import { IC_ROLE_ID } from '../../../../shared/incident';
import type { OrgChart } from '../../../../shared/incident/org-chart';
import { CHECKLIST_PHASES, CHECKLIST_PHASE_LABELS, roleSpec, type RoleKind } from '../../../../shared/ics/roles';
import { CloseFooter } from '../../../components/CloseFooter';
import { formatTime } from '../../../components/format';
import { FormError } from '../../../components/FormError';
import { Modal } from '../../../components/Modal';
import { useIncidents } from '../../../stores/incident';
import { useOrgUi, type OrgDialog } from '../../../stores/org-ui';
import { useRefusal } from '../../../components/useRefusal';
import { ORG_KEY_TABLE } from '../keys';
import { commands } from '../../../incidents/commands';

/** A role: what it is for, who holds it, and its duties, ticked per incident. */
export function RoleDetailsDialog({ org, roleId, readOnly }: { org: OrgChart; roleId: string; readOnly: boolean }) {
  const ticks = useIncidents((s) => s.snapshot?.checklist);
  const { refusal, tryCommand } = useRefusal();
  const close = () => useOrgUi.getState().close();
  const role = org.roles.find((r) => r.id === roleId);
  if (!role) {
    return <NoLongerThere title="Role" what="That role" onClose={close} />;
  }
  const spec = roleSpec(role.role.kind as RoleKind);
  const nameOf = (id: string | null) => org.responders.find((p) => p.id === id)?.name ?? 'someone';
  const open = (dialog: OrgDialog) => useOrgUi.getState().open(dialog);

  return (
    <Modal title={role.title} onClose={close}>
      <div className="form role-details">
        <p>
          <strong>{role.holderId ? nameOf(role.holderId) : `Held by the IC (${nameOf(org.icId)})`}</strong>
          <span className="muted"> since {formatTime(role.since)}</span>
          {role.parentId && <span className="muted"> · reports to {org.roles.find((r) => r.id === role.parentId)?.title}</span>}
        </p>
        {!readOnly && (
        <div className="actions wrap role-actions">
          {!readOnly && role.id !== IC_ROLE_ID && role.holderId === null && (
            <button type="button" aria-keyshortcuts={shortcutFor(ORG_KEY_TABLE, 'assign')} onClick={() => open({ kind: 'assign', roleId: role.id })}>
              Assign…
            </button>
          )}
          {!readOnly && (
            <button type="button" aria-keyshortcuts={shortcutFor(ORG_KEY_TABLE, 'handover')} onClick={() => open({ kind: 'handover', roleId: role.id })}>
              Hand over…
            </button>
          )}
          {!readOnly && role.id !== IC_ROLE_ID && (
            <button type="button" aria-keyshortcuts={shortcutFor(ORG_KEY_TABLE, 'move')} onClick={() => open({ kind: 'move', roleId: role.id })}>
              Move…
            </button>
          )}
          {!readOnly && role.id !== IC_ROLE_ID && role.holderId !== null && (
            <button type="button" title="The holder steps down; the IC holds the role again" onClick={() => tryCommand(() => commands.vacateRole(role.id))}>
              Step down
            </button>
          )}
          {!readOnly && role.id !== IC_ROLE_ID && (
            <button
              type="button"
              title="The role is no longer needed; whoever reported to it moves up a level"
              onClick={() => tryCommand(() => (commands.removeRole(role.id), close()))}
            >
              Stand down role
            </button>
          )}
        </div>
        )}
        <FormError message={refusal} />
        <p className="role-summary">{spec.summary}</p>
        <p>{spec.description}</p>
        {spec.checklist.length > 0 && <h3 className="form-heading">Duties</h3>}
        {CHECKLIST_PHASES.map((phase) => {
          const items = spec.checklist.filter((item) => item.phase === phase);
          if (!items.length) return null;
          return (
            <fieldset key={phase} className="checklist">
              <legend>{CHECKLIST_PHASE_LABELS[phase]}</legend>
              {items.map((item, i) => {
                const tick = ticks?.get(`${role.id}/${item.id}`);
                const done = tick?.done ?? false;
                const duty = (
                  <span>
                    {item.text}
                    {tick?.done && (
                      <small className="muted">
                        {' '}
                        {readOnly ? '' : '✓ '}
                        {tick.by}, {formatTime(tick.at)}
                      </small>
                    )}
                  </span>
                );
                // Read-only, each duty says whether it is done: a mark, not a box that looks as if it could be ticked.
                return readOnly ? (
                  <p key={item.id} className="checkbox duty">
                    <span className={`duty-mark${done ? ' done' : ''}`} role="img" aria-label={done ? 'Done' : 'Not done'}>
                      {done ? '✓' : '–'}
                    </span>
                    {duty}
                  </p>
                ) : (
                  <label key={item.id} className="checkbox">
                    <input
                      type="checkbox"
                      checked={done}
                      data-autofocus={phase === 'start' && i === 0 ? true : undefined}
                      onChange={(e) => tryCommand(() => commands.tickChecklist({ roleId: role.id, itemId: item.id, done: e.target.checked }))}
                    />
                    {duty}
                  </label>
                );
              })}
            </fieldset>
          );
        })}
        <CloseFooter onClose={close} />
      </div>
    </Modal>
  );
}
