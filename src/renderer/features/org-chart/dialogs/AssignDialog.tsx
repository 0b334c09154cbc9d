import { useMemo, useState } from 'react';
import { CommandError } from '../../../../shared/incident';
import type { OrgChart } from '../../../../shared/incident/org-chart';
import { roleSpec, type RoleKind } from '../../../../shared/ics/roles';
import { FormFooter } from '../../../components/FormFooter';
import { Modal } from '../../../components/Modal';
import { useOrgUi } from '../../../stores/org-ui';
import { useRefusal } from '../../../components/useRefusal';
import {
  QUALIFIER_FIELD,
  defaultParentId,
  likelyKindUnder,
  newRoleChoices,
  reportsToChoices,
  responderLabel,
  roleDefinition,
  roleLabel,
  vacantRoles,
} from '../role-options';
import { activeResponders, nextInStaging, type ResponderSections } from '../responders';
import { DialogForm } from '../../../components/DialogForm';
import { commands } from '../../../incidents/commands';
import { ActingFor } from '../../attribution/ActingFor';

interface Props {
  readonly org: OrgChart;
  readonly sections: ResponderSections;
  readonly responderId?: string;
  readonly roleId?: string;
  readonly parentId?: string;
}

/**
 * Gives a person a role: one that exists and nobody holds yet, or a new one
 * from the catalog, reporting where the catalog puts it unless told
 * otherwise. "Nobody yet" activates a role that the IC holds meanwhile.
 */
export function AssignDialog({ org, sections, responderId, roleId, parentId }: Props) {
  const people = activeResponders(sections);
  const vacant = vacantRoles(org);
  const choices = useMemo(() => newRoleChoices(org), [org]);
  const likely = likelyKindUnder(org.roles.find((r) => r.id === parentId));
  const [personId, setPersonId] = useState(responderId ?? sections.staging[0]?.id ?? '');
  const [choice, setChoice] = useState(roleId ? `existing:${roleId}` : likely && choices.some((c) => c.kind === likely) ? `new:${likely}` : '');
  const [name, setName] = useState('');
  const [reportsTo, setReportsTo] = useState<string | null>(null);
  const { refusal, setRefusal, tryCommand } = useRefusal();
  const close = () => useOrgUi.getState().close();

  const kind = choice.startsWith('new:') ? (choice.slice(4) as RoleKind) : null;
  const spec = kind ? roleSpec(kind) : null;
  const existing = choice.startsWith('existing:') ? org.roles.find((r) => r.id === choice.slice(9)) : undefined;
  const bosses = kind ? reportsToChoices(org, kind) : [];
  const parent = kind ? (reportsTo && bosses.some((r) => r.id === reportsTo) ? reportsTo : defaultParentId(org, kind, parentId)) : '';
  const person = people.find((p) => p.id === personId);

  function submit() {
    tryCommand(() => {
      if (!choice) throw new CommandError('Pick a role: one nobody holds yet, or a new one.');
      if (existing) {
        if (!personId) throw new CommandError(`Pick who takes ${existing.title}.`);
        commands.assignRole({ roleId: existing.id, responderId: personId });
      } else if (kind) {
        commands.addRole({ role: roleDefinition(kind, name, parent), ...(personId ? { holderId: personId } : {}) });
      }
      // Work down the queue: the next person waiting in staging is selected.
      const next = person?.status === 'staging' ? nextInStaging(sections.staging, person.id) : null;
      if (next) useOrgUi.getState().select({ type: 'person', id: next });
      close();
    });
  }

  const qualifier = spec && spec.qualifier !== 'none' ? QUALIFIER_FIELD[spec.qualifier] : null;
  return (
    <Modal title={person ? `Assign ${person.name}` : 'Assign a role'} onClose={close}>
      <DialogForm onSubmit={submit}>
        <ActingFor />
        <label>
          Person
          <select value={personId} data-autofocus={responderId ? undefined : true} onChange={(e) => setPersonId(e.target.value)}>
            {kind && <option value="">Nobody yet: the IC holds it</option>}
            {!kind && !personId && <option value="">Choose a person…</option>}
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {responderLabel(p, org)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Role
          <select
            value={choice}
            data-autofocus={responderId ? true : undefined}
            onChange={(e) => {
              setChoice(e.target.value);
              setRefusal(null);
            }}
          >
            <option value="">Choose a role…</option>
            {vacant.length > 0 && (
              <optgroup label="Not delegated yet (the IC holds them)">
                {vacant.map((r) => (
                  <option key={r.id} value={`existing:${r.id}`}>
                    {r.title}
                  </option>
                ))}
              </optgroup>
            )}
            <optgroup label="New role">
              {choices.map((c) => (
                <option key={c.kind} value={`new:${c.kind}`}>
                  {c.label}
                </option>
              ))}
            </optgroup>
          </select>
          {spec && <small>{spec.summary}</small>}
          {existing && <small>{roleSpec(existing.role.kind as RoleKind).summary}</small>}
        </label>
        {qualifier && (
          <label>
            {qualifier.label}
            <input name="role-name" value={name} placeholder={qualifier.placeholder} onChange={(e) => setName(e.target.value)} />
          </label>
        )}
        {kind && (
          <label>
            Reports to
            <select value={parent} onChange={(e) => setReportsTo(e.target.value)}>
              {bosses.map((r) => (
                <option key={r.id} value={r.id}>
                  {roleLabel(r, org)}
                </option>
              ))}
            </select>
          </label>
        )}
        <FormFooter error={refusal} onCancel={close} submit="Assign" />
      </DialogForm>
    </Modal>
  );
}
