import { useState, type FormEvent } from 'react';
import { MAX_ROTATION_MINUTES, MIN_ROTATION_MINUTES } from '../../../shared/incident/org-schema';
import { FormError } from '../../components/FormError';
import { useRefusal } from '../../components/useRefusal';
import { commands } from '../../incidents/commands';
import { followStored, type RotationField } from './org-format';

/** How long people stay on duty before the chart prompts to rotate them (90 minutes unless changed). */
export function RotationSetting({ minutes, readOnly }: { minutes: number; readOnly: boolean }) {
  const [field, setField] = useState<RotationField>({ typed: String(minutes), stored: minutes });
  const { refusal, setRefusal, tryCommand } = useRefusal();
  // Follow a change made elsewhere (a peer, another window), but never over what is being typed.
  const next = followStored(field, minutes);
  if (next !== field) setField(next);

  function submit(event: FormEvent) {
    event.preventDefault();
    const typed = field.typed.trim();
    const parsed = typed === '' ? Number.NaN : Number(typed);
    // What was set stays in the field, as the chart has it ("030" reads "30"), until the stored value catches up.
    if (tryCommand(() => commands.setRotation(parsed))) setField({ typed: String(parsed), stored: field.stored });
  }

  // Read-only (an observer, an ended incident): the rule as a sentence, with nothing that looks as if it could be changed.
  if (readOnly) return <p className="rotation-setting">Rotate people after {minutes} min</p>;
  return (
    <form className="rotation-setting" onSubmit={submit} noValidate>
      <label>
        Rotate people after
        <input
          type="number"
          inputMode="numeric"
          min={MIN_ROTATION_MINUTES}
          max={MAX_ROTATION_MINUTES}
          step={1}
          value={field.typed}
          aria-invalid={refusal ? true : undefined}
          onChange={(e) => {
            setField({ typed: e.target.value, stored: field.stored });
            setRefusal(null);
          }}
        />
        min
      </label>
      <button type="submit" disabled={field.typed.trim() === String(minutes)}>
        Set
      </button>
      <FormError message={refusal} />
    </form>
  );
}
