import { useState } from 'react';
import { MAX_PERSON } from '../../../../shared/incident';
import { FormFooter } from '../../../components/FormFooter';
import { Modal } from '../../../components/Modal';
import { useOrgUi } from '../../../stores/org-ui';
import { useRefusal } from '../../../components/useRefusal';
import { DialogForm } from '../../../components/DialogForm';
import { commands } from '../../../incidents/commands';
import { ActingFor } from '../../attribution/ActingFor';

/** Checking in: who they are, how to reach them, what they know. They wait in staging until assigned. */
export function CheckInDialog() {
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const [skills, setSkills] = useState('');
  const { refusal, tryCommand } = useRefusal();
  const close = () => useOrgUi.getState().close();

  function submit() {
    tryCommand(() => {
      const event = commands.checkIn({ name, contact, skills });
      if (event.org.change === 'check-in') useOrgUi.getState().select({ type: 'person', id: event.org.responderId });
      close();
    });
  }

  return (
    <Modal title="Check in a responder" onClose={close}>
      <DialogForm onSubmit={submit}>
        <ActingFor />
        <label>
          Name
          <input name="name" value={name} maxLength={MAX_PERSON} data-autofocus aria-invalid={refusal ? true : undefined} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          How to reach them <small>phone, chat handle, radio channel: whatever works tonight</small>
          <input name="contact" value={contact} maxLength={120} onChange={(e) => setContact(e.target.value)} />
        </label>
        <label>
          Team or skills <small>from their day job, e.g. "DBA, Postgres"; the incident role comes with the assignment</small>
          <input name="skills" value={skills} maxLength={120} onChange={(e) => setSkills(e.target.value)} />
        </label>
        <FormFooter error={refusal} onCancel={close} submit="Check in" />
      </DialogForm>
    </Modal>
  );
}
