import { useState } from 'react';
import { IC_ROLE_ID } from '../../../../shared/incident';
import type { OrgChart } from '../../../../shared/incident/org-chart';
import type { RoleKind } from '../../../../shared/ics/roles';
import { FormFooter } from '../../../components/FormFooter';
import { Modal } from '../../../components/Modal';
import { useOrgUi } from '../../../stores/org-ui';
import { useRefusal } from '../../../components/useRefusal';
import { reportsToChoices, roleLabel } from '../role-options';
import { DialogForm } from '../../../components/DialogForm';
import { commands } from '../../../incidents/commands';
import { ActingFor } from '../../attribution/ActingFor';

/** Restructuring: a role, and everyone under it, now reports to another role. */
export function MoveDialog({ org, roleId }: { org: OrgChart; roleId?: string }) {
  const movable = org.roles.filter((r) => r.id !== IC_ROLE_ID);
  const [moving, setMoving] = useState(roleId ?? movable[0]?.id ?? '');
  const role = org.roles.find((r) => r.id === moving);
  const bosses = role ? reportsToChoices(org, role.role.kind as RoleKind, role.id) : [];
  const [chosen, setChosen] = useState<string | null>(null);
  const parent = chosen && bosses.some((r) => r.id === chosen) ? chosen : (role?.parentId ?? '');
  const { refusal, tryCommand } = useRefusal();
  const close = () => useOrgUi.getState().close();

  function submit() {
    if (tryCommand(() => commands.moveRole({ roleId: moving, parentId: parent }))) {
      useOrgUi.getState().select({ type: 'role', id: moving });
      close();
    }
  }

  return (
    <Modal title={role ? `Move ${role.title}` : 'Move a role'} onClose={close}>
      <DialogForm onSubmit={submit}>
        <ActingFor />
        <label>
          Role
          <select value={moving} data-autofocus={roleId ? undefined : true} onChange={(e) => setMoving(e.target.value)}>
            {movable.map((r) => (
              <option key={r.id} value={r.id}>
                {roleLabel(r, org)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Reports to
          <select value={parent} data-autofocus={roleId ? true : undefined} onChange={(e) => setChosen(e.target.value)}>
            {bosses.map((r) => (
              <option key={r.id} value={r.id}>
                {roleLabel(r, org)}
                {r.id === role?.parentId ? ' (now)' : ''}
              </option>
            ))}
          </select>
          <small>Everyone under {role?.title ?? 'it'} moves with it.</small>
        </label>
        <FormFooter error={refusal} onCancel={close} submit="Move" />
      </DialogForm>
    </Modal>
  );
}
