import { useState } from 'react';
import { MAX_PERSON } from '../../../shared/incident';
import { type NameSaved, useIdentity } from '../../incidents/identity-store';

/**
 * Who is at this keyboard, in Settings: every entry, edit and postmortem
 * line records it. Changing it changes nothing already written; entries
 * keep the name they were made under, as a paper log would. "Saved" is said
 * only once the name is on disk; a write that failed says so here (and in a
 * notice that outlives the dialog).
 */
export function NameSettings() {
  const name = useIdentity((s) => s.name);
  const setName = useIdentity((s) => s.setName);
  const [value, setValue] = useState(name);
  const [outcome, setOutcome] = useState<NameSaved | 'saving' | null>(null);
  const changed = value.trim() !== name;
  const saving = outcome === 'saving';
  return (
    <form
      className="settings-section"
      aria-labelledby="name-heading"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!value.trim() || !changed || saving) return;
        setOutcome('saving');
        setOutcome(await setName(value));
      }}
    >
      <h3 id="name-heading">Your name</h3>
      <p className="hint">Recorded with everything you log or change. Entries already made keep the name they were made under.</p>
      <div className="name-row">
        <input
          aria-label="Your name"
          value={value}
          maxLength={MAX_PERSON}
          onChange={(e) => {
            setValue(e.target.value);
            setOutcome(null);
          }}
        />
        <button type="submit" disabled={!value.trim() || !changed || saving}>
          Save name
        </button>
      </div>
      {outcome && outcome !== 'saving' &&
        (outcome.ok ? (
          <p role="status" className="form-ok">
            Saved: you are {name} on this machine.
          </p>
        ) : (
          <p role="alert" className="form-error">
            {outcome.message}
          </p>
        ))}
    </form>
  );
}
