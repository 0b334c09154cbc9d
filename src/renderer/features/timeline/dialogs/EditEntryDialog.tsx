import { useState, type KeyboardEvent } from 'react';
import { creditLabel, EVENT_KIND_LABELS, type EntryAmendments, type TimelineEvent } from '../../../../shared/incident';
import { FormFooter } from '../../../components/FormFooter';
import { Modal } from '../../../components/Modal';
import { useTimelineUi } from '../../../stores/timeline-ui';
import { useRefusal } from '../../../components/useRefusal';
import { DialogForm } from '../../../components/DialogForm';
import { Clock } from '../TimelineRow';
import { commands } from '../../../incidents/commands';

/**
 * A new text for an entry logged by hand. Enter saves (Shift+Enter is a new
 * line), as on the quick-entry line; the text before stays in the entry's
 * history, the original always first.
 */
export function EditEntryDialog({ entry, amended }: { entry: TimelineEvent; amended: EntryAmendments | undefined }) {
  const [text, setText] = useState(amended?.text ?? entry.text);
  const { refusal, setRefusal, tryCommand } = useRefusal();
  const utc = useTimelineUi((s) => s.utc);
  const close = () => useTimelineUi.getState().close();
  function save() {
    if (tryCommand(() => commands.editEntry({ eventId: entry.id, text }))) close();
  }
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      save();
    }
  }
  return (
    <Modal title="Edit entry" onClose={close}>
      <DialogForm onSubmit={save}>
        <p className="muted">
          {EVENT_KIND_LABELS[entry.kind]} at <Clock at={entry.at} utc={utc} />, {entry.for ? `for ${creditLabel(entry)}, ` : ''}logged by {entry.author}. The earlier text stays in its history.
        </p>
        <label>
          New text
          <textarea
            rows={3}
            value={text}
            data-autofocus
            aria-invalid={refusal ? true : undefined}
            onChange={(e) => {
              setText(e.target.value);
              if (refusal) setRefusal(null);
            }}
            onKeyDown={onKeyDown}
          />
          <small>Enter saves; Shift+Enter starts a new line.</small>
        </label>
        <FormFooter error={refusal} onCancel={close} submit="Save edit" />
      </DialogForm>
    </Modal>
  );
}
