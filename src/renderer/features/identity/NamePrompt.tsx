import { useEffect, useState } from 'react';
import { MAX_PERSON } from '../../../shared/incident';
import { useIdentity } from '../../incidents/identity-store';
import { useTypeahead } from '../../stores/typeahead';

/**
 * Asks who is at this keyboard, where something is about to be written in
 * their name: the Scribe's entry line of a running incident, or the bar of
 * an ended one, whose postmortem is still written (an imported incident is
 * often opened by someone who never declared or joined one here). The name
 * is remembered per machine (on disk before the prompt goes away) and can be
 * changed in Settings. `focus` is off where reading needs no name (an ended
 * incident's tabs and exports), so the view's own keys still reach the view.
 */
export function NamePrompt({ why, focus = true }: { why: string; focus?: boolean }) {
  const setName = useIdentity((s) => s.setName);
  const [value, setValue] = useState('');
  // The prompt goes away once the name is stored (or its failure reported); until then a second Enter would write it twice.
  const [saving, setSaving] = useState(false);
  // Shown where the entry line would be: what was typed while the incident loaded was meant for here.
  useEffect(() => {
    if (!focus) return;
    const typed = useTypeahead.getState().take();
    if (typed) setValue(typed.replace(/[\r\n]+/g, ' ').trim());
  }, [focus]);
  return (
    <form
      className="quick-entry"
      onSubmit={(e) => {
        e.preventDefault();
        if (!value.trim() || saving) return;
        setSaving(true);
        void setName(value);
      }}
    >
      <label className="name-prompt">
        {why}
        <input value={value} maxLength={MAX_PERSON} onChange={(e) => setValue(e.target.value)} autoFocus={focus} />
      </label>
      <button type="submit" disabled={saving}>
        Save name
      </button>
    </form>
  );
}
