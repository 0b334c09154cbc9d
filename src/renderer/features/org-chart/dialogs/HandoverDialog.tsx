import { useState } from 'react';
import { CommandError, IC_ROLE_ID } from '../../../../shared/incident';
import { draftBriefing } from '../../../../shared/views/briefing';
import { ActingFor } from '../../attribution/ActingFor';
import type { OrgChart } from '../../../../shared/incident/org-chart';
import { FormFooter } from '../../../components/FormFooter';
import { Modal } from '../../../components/Modal';
import { incidentNow } from '../../../incidents/clock';
import { useIncidents } from '../../../stores/incident';
import { useOrgUi } from '../../../stores/org-ui';
import { useRefusal } from '../../../components/useRefusal';
import { responderLabel, roleLabel } from '../role-options';
import { activeResponders, type ResponderSections } from '../responders';
import { DialogForm } from '../../../components/DialogForm';
import { commands } from '../../../incidents/commands';

interface Props {
  readonly org: OrgChart;
  readonly sections: ResponderSections;
  readonly roleId?: string;
  readonly toId?: string;
}

/**
 * Handing a role to someone else, explicitly: the app drafts the ICS 201
 * briefing from the incident (situation, objectives, actions, organization,
 * resources), the outgoing holder edits it and offers it; the role changes
 * hands only when the incoming person acknowledges it.
 */
export function HandoverDialog({ org, sections, roleId, toId }: Props) {
  const [role, setRole] = useState(roleId ?? IC_ROLE_ID);
  const [to, setTo] = useState(toId ?? '');
  const [briefing, setBriefing] = useState<string | null>(null);
  const { refusal, tryCommand } = useRefusal();
  const close = () => useOrgUi.getState().close();

  const current = org.roles.find((r) => r.id === role);
  const holderId = current?.holderId ?? org.icId;
  const candidates = activeResponders(sections).filter((p) => p.id !== holderId);
  const toName = org.responders.find((p) => p.id === to)?.name;
  // Until edited, the draft follows the role and the person chosen.
  const text = briefing ?? drafted(role, toName);
  const pending = org.handovers.find((h) => h.roleId === role && h.status === 'pending');

  function submit() {
    tryCommand(() => {
      if (!to) throw new CommandError(`Pick who takes ${current?.title ?? 'the role'}.`);
      commands.offerHandover({ roleId: role, toId: to, briefing: text });
      useOrgUi.getState().select({ type: 'role', id: role });
      close();
    });
  }

  return (
    <Modal title={current ? `Hand over ${current.title}` : 'Hand over a role'} onClose={close}>
      <DialogForm onSubmit={submit}>
        <ActingFor />
        <div className="form-row">
          <label>
            Role
            <select value={role} data-autofocus={roleId && !toId ? undefined : true} onChange={(e) => setRole(e.target.value)}>
              {org.roles.map((r) => (
                <option key={r.id} value={r.id}>
                  {roleLabel(r, org)}
                </option>
              ))}
            </select>
          </label>
          <label>
            To
            <select value={to} data-autofocus={roleId && !toId ? true : undefined} onChange={(e) => setTo(e.target.value)}>
              <option value="">Choose who takes it…</option>
              {candidates.map((p) => (
                <option key={p.id} value={p.id}>
                  {responderLabel(p, org)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {pending && (
          <p className="notice warning">
            A handover of {current?.title} to {org.responders.find((p) => p.id === pending.toId)?.name} is already waiting: cancel it on the chart first.
          </p>
        )}
        <label>
          Briefing <small>drafted from the incident; edit it, then read it to them. Ctrl+Enter offers the handover.</small>
          <textarea className="briefing" rows={14} value={text} onChange={(e) => setBriefing(e.target.value)} />
        </label>
        {briefing !== null && (
          <button type="button" className="link-button" onClick={() => setBriefing(null)}>
            Draft it again from the incident
          </button>
        )}
        <p className="muted">
          {role === IC_ROLE_ID
            ? 'Nobody becomes IC by arriving: command changes when they acknowledge this briefing.'
            : 'The role changes hands when they acknowledge this briefing.'}
        </p>
        <FormFooter error={refusal} onCancel={close} submit="Offer handover" />
      </DialogForm>
    </Modal>
  );
}

function drafted(roleId: string, toName: string | undefined): string {
  const snapshot = useIncidents.getState().snapshot;
  return snapshot ? draftBriefing(snapshot, { roleId, toName: toName ?? 'whoever takes over', now: incidentNow() }) : '';
}
