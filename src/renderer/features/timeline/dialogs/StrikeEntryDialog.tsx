import { useState } from 'react';
import type { EntryAmendments, TimelineEvent } from '../../../../shared/incident';
import { FormFooter } from '../../../components/FormFooter';
import { Modal } from '../../../components/Modal';
import { useTimelineUi } from '../../../stores/timeline-ui';
import { useRefusal } from '../../../components/useRefusal';
import { DialogForm } from '../../../components/DialogForm';
import { commands } from '../../../incidents/commands';

/**
 * Deleting, the way a log allows it: the entry stays, crossed out, with
 * who struck it, when, and why. The reason is required.
 */
export function StrikeEntryDialog({ entry, amended }: { entry: TimelineEvent; amended: EntryAmendments | undefined }) {
  const [reason, setReason] = useState('');
  const { refusal, setRefusal, tryCommand } = useRefusal();
  const close = () => useTimelineUi.getState().close();
  function strike() {
    if (tryCommand(() => commands.strikeEntry({ eventId: entry.id, reason }))) close();
  }
  return (
    <Modal title="Strike through this entry?" onClose={close}>
      <DialogForm onSubmit={strike}>
        <blockquote className="strike-preview">{amended?.text ?? entry.text}</blockquote>
        <p className="muted">It stays in the timeline, crossed out, with your reason beside it. Nothing is erased.</p>
        <label>
          Why is it struck through?
          <input
            value={reason}
            data-autofocus
            placeholder="Logged on the wrong incident; a duplicate of 10:42; never happened…"
            aria-invalid={refusal ? true : undefined}
            onChange={(e) => {
              setReason(e.target.value);
              if (refusal) setRefusal(null);
            }}
          />
        </label>
        <FormFooter error={refusal} onCancel={close} submit="Strike through" />
      </DialogForm>
    </Modal>
  );
}
