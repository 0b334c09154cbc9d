import { STATUS_TEXT_MAX, statusTextOf, type StatusText, type StatusTextField } from '../../../shared/incident';
import { CollabText } from '../../components/collab-text/CollabText';
import { commands } from '../../incidents/commands';
import { openSession } from '../../incidents/open-incident';

/**
 * A narrative field of the status document, typed into by several people
 * at once (a CollabText bound to the status document's commands).
 */
export function CollabField({
  field,
  label,
  value,
  readOnly,
  multiline,
  hint,
}: {
  field: StatusTextField;
  label: string;
  /** The field as the snapshot reads it: for its damaged flag (the binding reads the text itself). */
  value: StatusText;
  readOnly: boolean;
  multiline: boolean;
  hint?: string;
}) {
  const session = openSession();
  return (
    <CollabText
      presence={field}
      className={`field-${field}`}
      label={label}
      value={value}
      text={session ? statusTextOf(session.doc, field) : null}
      max={STATUS_TEXT_MAX[field]}
      rows={field === 'summary' ? 5 : 3}
      readOnly={readOnly}
      multiline={multiline}
      // Read-only, the field reads as text: no advice on what to write, and an empty one says so.
      hint={readOnly ? undefined : hint}
      placeholder={readOnly ? 'Not written yet.' : undefined}
      apply={(edit) => commands.editStatusText({ field, index: edit.index, remove: edit.remove, insert: edit.insert })}
      startOver={() => commands.startStatusTextOver(field)}
    />
  );
}
