import { useState } from 'react';
import { MAX_PERSON } from '../../../shared/incident';
import { useIdentity } from '../../stores/identity';

/**
 * Who is at this keyboard, in Settings: every entry, edit and postmortem
 * line records it. Changing it changes nothing already written; entries
 * keep the name they were made under, as a paper log would.
 */
export function NameSettings() {
  const name = useIdentity((s) => s.name);
  const setName = useIdentity((s) => s.setName);
  const [value, setValue] = useState(name);
  const [saved, setSaved] = useState(false);
  const changed = value.trim() !== name;
  return (
    <form
      className="settings-section"
      aria-labelledby="name-heading"
      onSubmit={(e) => {
        e.preventDefault();
        if (!value.trim() || !changed) return;
        setName(value);
        setSaved(true);
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
            setSaved(false);
          }}
        />
        <button type="submit" disabled={!value.trim() || !changed}>
          Save name
        </button>
      </div>
      {saved && (
        <p role="status" className="form-ok">
          Saved: you are {name} on this machine.
        </p>
      )}
    </form>
  );
}
