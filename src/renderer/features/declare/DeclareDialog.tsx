import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { SEVERITY_LEVELS, type Severity } from '../../../shared/ics/severity';
import { incidentNamed, suggestCodename } from '../../../shared/ics/codename';
import { CommandError, MAX_NAME, MAX_PERSON, MAX_SYNOPSIS } from '../../../shared/incident';
import { Modal } from '../../components/Modal';
import { useIncidents } from '../../stores/incident';
import { useUi } from '../../stores/ui';
import { FormFooter } from '../../components/FormFooter';
import { FormError } from '../../components/FormError';
import { declareAndOpen } from '../../incidents/commands';
import { useIdentity } from '../../incidents/identity-store';
import { useTypeahead } from '../../stores/typeahead';
import { useNotePad } from '../../incidents/note-pad';
import { PadNotes } from './PadNotes';
import { declaredPhrase, useKnownNames } from '../incident-list/collisions';
import { FREE_PRACTICE, ScenarioPicker, type DrillPlay } from '../drills/ScenarioPicker';

/** What the practice incident is about: an outage everyone recognizes, said to be a drill. */
const PRACTICE_SYNOPSIS = 'Practice: checkout fails for some customers (a drill to try Command Post)';

/**
 * Declaring an emergency: an explicit act with a name (a codename, not a
 * cause), a severity (when unsure, the higher one), a one-line synopsis, who
 * declared it and when. Practice incidents are marked as drills.
 *
 * `practice`: a drill ready to declare, for someone trying the app: only
 * their name is asked for (it signs every entry), the rest is filled in.
 */
export function DeclareDialog({ practice = false }: { practice?: boolean }) {
  const catalog = useIncidents((s) => s.catalog);
  // Every name this machine knows an incident by, the invites' included: two incidents here must never share one.
  const known = useKnownNames();
  const close = () => useUi.getState().openDialog(null);
  const suggested = useMemo(() => suggestCodename(known.map((c) => c.name), Date.now()), [known]);
  const identity = useIdentity();
  const [name, setName] = useState(suggested);
  const nameField = useRef<HTMLInputElement>(null);
  // The list may still be reading the catalog when the dialog opens (a window's first moments): a name left as
  // suggested follows the suggestion, which avoids the names already taken once they are known.
  const [shownSuggestion, setShownSuggestion] = useState(suggested);
  if (suggested !== shownSuggestion) {
    setShownSuggestion(suggested);
    if (name === shownSuggestion) setName(suggested);
  }
  const [severity, setSeverity] = useState<Severity>(practice ? 'SEV-3' : 'SEV-2');
  const [synopsis, setSynopsis] = useState(practice ? PRACTICE_SYNOPSIS : '');
  const [who, setWho] = useState(identity.name);
  // Declared for someone else (the Scribe for the IC): they are the IC, the record says who typed it.
  const [commander, setCommander] = useState('');
  const [drill, setDrill] = useState(practice);
  const [play, setPlay] = useState<DrillPlay>(FREE_PRACTICE);
  // A scenario names its practice incident: its name, severity and synopsis are filled in (and can still be changed).
  function choosePlay(next: DrillPlay) {
    if (next.scenario && next.scenario !== play.scenario) {
      setName(next.scenario.incident.name);
      setSeverity(next.scenario.incident.severity);
      setSynopsis(next.scenario.incident.synopsis);
    }
    setPlay(next);
    if (error?.field === 'scenario') setError(null);
  }
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // The observations noted before declaring (the list's note pad): they become the first entries unless left out.
  const pad = useNotePad((s) => s.notes) ?? [];
  const [withPad, setWithPad] = useState(true);
  useEffect(() => {
    void useNotePad.getState().load();
  }, []);
  // A refused name is fixed where it was typed: on a phone the form's foot, where Enter was pressed, is a screen away.
  useEffect(() => {
    if (error?.field === 'name') nameField.current?.focus();
  }, [error]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!who.trim()) {
      setError({ message: 'Your name is required: the declaration records who made it.', field: 'who' });
      return;
    }
    if (drill && play.problem) {
      setError({ message: play.problem, field: 'scenario' });
      return;
    }
    const holder = incidentNamed(name, known);
    if (holder) {
      const entry = catalog?.find((c) => c.id === holder.id);
      const which = entry ? declaredPhrase(entry) : 'named in an invite you accepted';
      setError({ message: `${name.trim()} is already the name of another incident on this machine (${which}). ${suggested} is free.`, field: 'name' });
      return;
    }
    setBusy(true);
    setError(null);
    // From here the next keys are the first note's, even before the incident's entry line exists.
    useTypeahead.getState().expect();
    try {
      // The declaration records who made it: the name is stored first (a failed write is reported and the name still holds for this session).
      await identity.setName(who);
      await declareAndOpen(
        { name, severity, synopsis, drill },
        commander.trim() ? { person: commander } : null,
        withPad && !practice ? pad : [],
        drill && play.scenario ? { scenario: play.scenario, speed: play.speed } : null,
      );
      close();
    } catch (caught) {
      useTypeahead.getState().drop();
      setError(caught instanceof CommandError ? { message: caught.message, field: caught.field } : { message: String(caught) });
      setBusy(false);
    }
  }

  return (
    <Modal title={practice ? 'Start a practice incident' : 'Declare an incident'} onClose={close}>
      <form onSubmit={submit} className="form" noValidate>
        <label>
          Name
          <input
            ref={nameField}
            name="name"
            value={name}
            maxLength={MAX_NAME}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={error?.field === 'name'}
            aria-describedby="name-hint"
          />
          <small id="name-hint">A codename such as {suggested}, not a cause: the cause is a guess until it is not.</small>
        </label>
        {/* A taken name is said where it was typed: at the foot of this long form it is out of sight. */}
        {error?.field === 'name' && <FormError message={error.message} />}
        {error?.field === 'name' && name !== suggested && (
          <p>
            <button
              type="button"
              onClick={() => {
                setName(suggested);
                setError(null);
                // Back in the name: the button goes with the refusal, and focus must not go with it.
                nameField.current?.focus();
              }}
            >
              Use {suggested}
            </button>
          </p>
        )}
        <fieldset className="severity-choice">
          <legend>Severity (when unsure, pick the higher one)</legend>
          {SEVERITY_LEVELS.map((level) => (
            <label key={level.id} className={`severity-option${severity === level.id ? ' selected' : ''}`}>
              <input
                type="radio"
                name="severity"
                value={level.id}
                checked={severity === level.id}
                onChange={() => setSeverity(level.id)}
              />
              <span className={`sev sev-${level.id.slice(-1)}`}>{level.id}</span>
              <span className="severity-meaning">
                {level.meaning}
                {severity === level.id && <small>{level.examples}</small>}
              </span>
            </label>
          ))}
        </fieldset>
        <label>
          Synopsis
          <input
            name="synopsis"
            value={synopsis}
            maxLength={MAX_SYNOPSIS}
            placeholder="One line: what is wrong, as far as anyone knows"
            data-autofocus={practice ? undefined : true}
            onChange={(e) => setSynopsis(e.target.value)}
            aria-invalid={error?.field === 'synopsis'}
          />
        </label>
        <label>
          Your name
          <input
            name="who"
            value={who}
            maxLength={MAX_PERSON}
            data-autofocus={practice ? true : undefined}
            onChange={(e) => setWho(e.target.value)}
            aria-invalid={error?.field === 'who'}
          />
        </label>
        {!practice && (
          <label>
            Incident Commander, when not you
            <input
              name="commander"
              value={commander}
              maxLength={MAX_PERSON}
              placeholder={`Empty: ${who.trim() || 'you'}`}
              onChange={(e) => setCommander(e.target.value)}
              aria-describedby="commander-hint"
            />
            <small id="commander-hint">Declaring for the IC (as the Scribe)? Their name: they become the IC, and the record says you logged it.</small>
          </label>
        )}
        {!practice && pad.length > 0 && <PadNotes notes={pad} included={withPad} onInclude={setWithPad} />}
        <label className="checkbox">
          <input type="checkbox" checked={drill} onChange={(e) => setDrill(e.target.checked)} />
          This is a drill (practice incident)
        </label>
        {drill && <ScenarioPicker play={play} onChange={choosePlay} refused={error?.field === 'scenario'} />}
        <FormFooter
          // A taken name and an unusable scenario are said where they were chosen.
          error={error && error.field !== 'name' && error.field !== 'scenario' ? error.message : null}
          onCancel={close}
          submit={
            <button type="submit" className="danger" disabled={busy}>
              {practice ? 'Start the drill' : 'Declare incident'}
            </button>
          }
        />
      </form>
    </Modal>
  );
}
