import { useState, type FormEvent } from 'react';
import { FormError } from '../../components/FormError';
import { useRefusal } from '../../components/useRefusal';
import { commands } from '../../incidents/commands';

/** How long people stay on duty before the chart prompts to rotate them (90 minutes unless changed). */
export function RotationSetting({ minutes, readOnly }: { minutes: number; readOnly: boolean }) {
  const [value, setValue] = useState(String(minutes));
  const { refusal, setRefusal, tryCommand } = useRefusal();
  const [shown, setShown] = useState(minutes);
  // Follow a change made elsewhere (a peer), unless this field is being edited.
  if (shown !== minutes) {
    setShown(minutes);
    setValue(String(minutes));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = Number(value.trim());
    tryCommand(() => commands.setRotation(value.trim() === '' || !Number.isFinite(parsed) ? Number.NaN : parsed));
  }

  return (
    <form className="rotation-setting" onSubmit={submit} noValidate>
      <label>
        Rotate people after
        <input
          type="number"
          inputMode="numeric"
          min={15}
          max={1440}
          step={1}
          value={value}
          disabled={readOnly}
          aria-invalid={refusal ? true : undefined}
          onChange={(e) => {
            setValue(e.target.value);
            setRefusal(null);
          }}
        />
        min
      </label>
      {!readOnly && (
        <button type="submit" disabled={value === String(minutes)}>
          Set
        </button>
      )}
      <FormError message={refusal} />
    </form>
  );
}
