import { useState } from 'react';
import { NoLongerThere } from './NoLongerThere';
import { ActingFor } from '../../attribution/ActingFor';
import { IC_ROLE_ID, icAnnouncement } from '../../../../shared/incident';
import type { OrgChart } from '../../../../shared/incident/org-chart';
import { formatTime } from '../../../components/format';
import { FormFooter } from '../../../components/FormFooter';
import { Modal } from '../../../components/Modal';
import { useOrgUi } from '../../../stores/org-ui';
import { useRefusal } from '../../../components/useRefusal';
import { commands } from '../../../incidents/commands';

/**
 * The incoming person reads the briefing and takes over. An IC handover ends
 * with the announcement to read out; the accept event already logged it.
 */
export function AcknowledgeDialog({ org, handoverId }: { org: OrgChart; handoverId: string }) {
  const handover = org.handovers.find((h) => h.id === handoverId);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const { refusal, tryCommand } = useRefusal();
  const close = () => useOrgUi.getState().close();
  const nameOf = (id: string | undefined) => org.responders.find((p) => p.id === id)?.name ?? 'someone';
  const role = org.roles.find((r) => r.id === handover?.roleId);

  if (announcement) return <Announcement text={announcement} onClose={close} />;
  if (!handover || !role) {
    return <NoLongerThere title="Handover" what="That handover" onClose={close} />;
  }
  const to = nameOf(handover.toId);

  function accept() {
    if (!tryCommand(() => commands.acceptHandover(handoverId))) return;
    useOrgUi.getState().select({ type: 'role', id: role!.id });
    if (role!.id === IC_ROLE_ID) setAnnouncement(icAnnouncement(to));
    else close();
  }

  return (
    <Modal title={`${to}, taking over as ${role.title}`} onClose={close}>
      <div className="form">
        <ActingFor />
        <p>
          {nameOf(handover.fromId)} offered {role.title} to {to} at {formatTime(handover.offeredAt)}.{' '}
          {handover.status === 'pending' ? `${to}: read the briefing, ask what is unclear, then take over.` : `This handover was ${handover.status}.`}
        </p>
        <pre className="briefing-text" tabIndex={0} aria-label="Briefing">
          {handover.briefing}
        </pre>
        <FormFooter
          error={refusal}
          onCancel={close}
          cancel="Not now"
          submit={
            handover.status === 'pending' && (
              <button type="button" className="primary" data-autofocus onClick={accept}>
                I have the briefing — take over
              </button>
            )
          }
        />
      </div>
    </Modal>
  );
}

function Announcement({ text, onClose }: { text: string; onClose: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  return (
    <Modal title="Announce the new Incident Commander" onClose={onClose}>
      <div className="form">
        <p className="announcement" role="status">
          {text}
        </p>
        <p className="muted">Read it out on the call and post it where responders are; the handover is already in the timeline.</p>
        <div className="actions">
          <span className="muted" role="status">
            {copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'Could not copy: select the text and copy it.' : ''}
          </span>
          <button
            type="button"
            onClick={() =>
              // No clipboard outside a secure context: say so rather than fail silently.
              (navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject(new Error('no clipboard')))
                .then(() => setCopied('yes'))
                .catch(() => setCopied('failed'))
            }
          >
            Copy
          </button>
          <button type="button" className="primary" data-autofocus onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    </Modal>
  );
}
