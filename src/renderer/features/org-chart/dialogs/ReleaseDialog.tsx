import type { OrgChart } from '../../../../shared/incident/org-chart';
import { FormFooter } from '../../../components/FormFooter';
import { Modal } from '../../../components/Modal';
import { ActingFor } from '../../attribution/ActingFor';
import { useOrgUi } from '../../../stores/org-ui';
import { useRefusal } from '../../../components/useRefusal';
import { commands } from '../../../incidents/commands';

/** Releasing someone: one key to ask, Enter to confirm. Their roles go back to the IC. */
export function ReleaseDialog({ org, responderId }: { org: OrgChart; responderId: string }) {
  const { refusal, tryCommand } = useRefusal();
  const close = () => useOrgUi.getState().close();
  const person = org.responders.find((p) => p.id === responderId);
  const titles = (person?.roleIds ?? []).map((id) => org.roles.find((r) => r.id === id)?.title).filter(Boolean);
  const ic = org.responders.find((p) => p.id === org.icId)?.name ?? 'the IC';

  function release() {
    if (tryCommand(() => commands.releaseResponder(responderId))) close();
  }

  return (
    <Modal title={`Release ${person?.name ?? 'this responder'}?`} onClose={close}>
      <div className="form">
        <ActingFor />
        <p>
          {person?.name} goes off duty now, thanked and free to leave the call.{' '}
          {titles.length ? `${titles.join(' and ')} ${titles.length > 1 ? 'go' : 'goes'} back to the IC (${ic}) until delegated again.` : 'They hold no role.'}
        </p>
        <FormFooter
          error={refusal}
          onCancel={close}
          cancel="Keep on duty"
          submit={
            <button type="button" className="primary" data-autofocus onClick={release}>
              Release
            </button>
          }
        />
      </div>
    </Modal>
  );
}
