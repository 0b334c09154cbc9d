import { useState } from 'react';
import { MAX_PERSON } from '../../../../shared/incident';
import { FormFooter } from '../../../components/FormFooter';
import { Modal } from '../../../components/Modal';
import { useOrgUi } from '../../../stores/org-ui';
import { messageOf } from '../../../components/attempt';
import { DialogForm } from '../../../components/DialogForm';
import { commands } from '../../../incidents/commands';

/** Checking in: who they are, how to reach them, what they know. They wait in staging until assigned. */
export function CheckInDialog() {
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const [skills, setSkills] = useState('');
  const [error, setError] = useState<string | null>(null);
  const close = () => useOrgUi.getState().close();

  function submit() {
    try {
      const event = commands.checkIn({ name, contact, skills });
      if (event.org.change === 'check-in') useOrgUi.getState().select({ type: 'person', id: event.org.responderId });
      close();
    } catch (caught) {
      setError(messageOf(caught));
    }
  }

  return (
    <Modal title="Check in a responder" onClose={close}>
      <DialogForm onSubmit={submit}>
        <label>
          Name
          <input name="name" value={name} maxLength={MAX_PERSON} data-autofocus aria-invalid={error ? true : undefined} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          How to reach them <small>phone, chat handle, radio channel: whatever works tonight</small>
          <input name="contact" value={contact} maxLength={120} onChange={(e) => setContact(e.target.value)} />
        </label>
        <label>
          Team or skills <small>from their day job, e.g. "DBA, Postgres"; the incident role comes with the assignment</small>
          <input name="skills" value={skills} maxLength={120} onChange={(e) => setSkills(e.target.value)} />
        </label>
        <FormFooter error={error} onCancel={close} submit="Check in" />
      </DialogForm>
    </Modal>
  );
}
