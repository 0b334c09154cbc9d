import { useRef, useState, type FormEvent } from 'react';
import { incidentNamed, suggestRename, type KnownIncidentName } from '../../../shared/ics/codename';
import { MAX_NAME, MAX_SYNOPSIS } from '../../../shared/incident/limits';
import { Modal } from '../../components/Modal';
import { FormFooter } from '../../components/FormFooter';
import { FormError } from '../../components/FormError';
import { useRefusal } from '../../components/useRefusal';
import { commands } from '../../incidents/commands';
import type { CatalogEntry } from '../../incidents/db';
import { useIncidents } from '../../stores/incident';
import { addNotice } from '../../stores/notices';
import { mayWrite, useTrust } from '../../stores/trust';
import { useUi } from '../../stores/ui';
import { ActingFor } from '../attribution/ActingFor';
import { declaredPhrase, useKnownNames, useNameCollisions } from '../incident-list/collisions';

/** Why, in the log, when the name was taken: the words the timeline and the exports keep. */
const TAKEN_REASON = 'name taken by another incident on this machine';

/**
 * Renaming the open incident. Opened from the header, or from the list's
 * mark on an incident whose name another incident here shares: then the
 * new name is suggested (the same name with the next free number) and
 * selected, so Enter accepts it and typing replaces it. A name another
 * incident this machine knows already goes by is refused here, before the
 * command, with a free one to take instead.
 */
export function RenameDialog() {
  const close = () => useUi.getState().openDialog(null);
  const route = useUi((s) => s.route);
  const id = route.view === 'incident' ? route.id : null;
  const ready = useIncidents((s) => s.openId === id && s.status === 'ready');
  const header = useIncidents((s) => (s.openId === id ? (s.snapshot?.header ?? null) : null));
  const newer = useIncidents((s) => s.snapshot?.compatibility === 'newer');
  const writer = mayWrite(useTrust((s) => s.access));
  if (!id) return null;
  if (!ready || !header) {
    return (
      // Keyed apart from the form's, so the form's dialog opens afresh and starts in its name field.
      <Modal key="opening" title="Rename incident" onClose={close}>
        <p className="muted" role="status">
          Opening the incident…
        </p>
      </Modal>
    );
  }
  return (
    // Keyed by what it offers too: when this machine's access is settled a moment after the incident opens, the form starts afresh in its field.
    <Modal key={`${id}:${writer && !newer}`} title={`Rename ${header.name}`} onClose={close}>
      {writer && !newer ? (
        <RenameForm id={id} name={header.name} onDone={close} />
      ) : (
        <>
          <p>
            {newer ? 'A newer version of Command Post saved this incident, so it is read-only here.' : 'This machine reads this incident but may not write to it, so it cannot rename it.'} Rename
            the other incident of the same name instead, or ask this one&apos;s Incident Commander.
          </p>
          <div className="actions">
            <button type="button" onClick={close} data-autofocus>
              Close
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}

function RenameForm({ id, name, onDone }: { id: string; name: string; onDone: () => void }) {
  const sharing = useNameCollisions().get(id) ?? null;
  const known = useKnownNames();
  const names = known.map((k) => k.name);
  const [to, setTo] = useState(() => (sharing ? suggestRename(name, names, MAX_NAME) : name));
  const [reason, setReason] = useState(sharing ? TAKEN_REASON : '');
  const { refusal, setRefusal, tryCommand } = useRefusal();
  const [free, setFree] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const holder = incidentNamed(to, known, id);
    if (holder) {
      const instead = suggestRename(to, names, MAX_NAME);
      setFree(instead);
      setRefusal(`${to.trim()} is already the name of another incident on this machine (${heldBy(holder)}). ${instead} is free.`);
      return;
    }
    setFree(null);
    const renamed = tryCommand(() => commands.renameIncident({ to, reason: reason || undefined }));
    if (!renamed) return;
    addNotice('info', `Renamed ${name} to ${to.trim()}.`);
    onDone();
  }

  return (
    <form onSubmit={submit} className="form" noValidate>
      <ActingFor />
      {sharing && (
        <p className="rename-why">
          Another incident on this machine is also called {name} ({sharing.map(declaredPhrase).join('; ')}). A new name for this one makes “{name}” say
          which; the old name stays in the timeline and in the header, so the incident is still found by it.
        </p>
      )}
      <label>
        New name
        <input
          ref={field}
          name="name"
          value={to}
          maxLength={MAX_NAME}
          data-autofocus
          onFocus={(e) => e.currentTarget.select()}
          onChange={(e) => {
            setTo(e.target.value);
            setRefusal(null);
            setFree(null);
          }}
          aria-invalid={refusal !== null}
          aria-describedby="rename-hint"
        />
        <small id="rename-hint">A codename, not a cause. The rename is logged, with the old name.</small>
      </label>
      {free && <FormError message={refusal} />}
      {free && (
        <p>
          <button
            type="button"
            onClick={() => {
              setTo(free);
              setRefusal(null);
              setFree(null);
              // Back in the name, where Enter renames: the button goes with the refusal.
              field.current?.focus();
            }}
          >
            Use {free}
          </button>
        </p>
      )}
      <label>
        Why (for the log, optional)
        <input name="reason" value={reason} maxLength={MAX_SYNOPSIS} onChange={(e) => setReason(e.target.value)} />
      </label>
      <FormFooter error={free ? null : refusal} onCancel={onDone} submit="Rename" />
    </form>
  );
}

/** Which incident holds a name: its declaration when it is in the catalog, else that an invite named it. */
function heldBy(holder: KnownIncidentName): string {
  const entry = holder as Partial<CatalogEntry>;
  return entry.declaredAt !== undefined ? declaredPhrase({ declaredAt: entry.declaredAt, declaredBy: entry.declaredBy }) : 'named in an invite you accepted';
}
