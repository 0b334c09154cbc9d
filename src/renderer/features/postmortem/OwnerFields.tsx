import { useId, useMemo, useState } from 'react';
import { formatYmd, isYmd, postmortemDueDate } from '../../../shared/ics/business-days';
import { notOnePerson } from '../../../shared/ics/one-person';
import type { IncidentSnapshot } from '../../../shared/incident';
import { FormError } from '../../components/FormError';
import { incidentNow } from '../../incidents/clock';
import { localYmd } from '../../stores/postmortem';
import { useRefusal } from '../../components/useRefusal';
import { commands } from '../../incidents/commands';
import { count } from '../../../shared/plural';

const OTHER = '__other__';

/** The people who can own it: everyone who checked in, on duty first, each with their role. */
function candidates(snapshot: IncidentSnapshot): Array<{ name: string; label: string }> {
  const org = snapshot.org;
  if (!org) return [];
  const titleOf = (id: string) => org.roles.find((r) => r.id === id)?.title;
  const seen = new Set<string>();
  const out: Array<{ name: string; label: string; released: boolean }> = [];
  for (const r of org.responders) {
    if (seen.has(r.name)) continue;
    seen.add(r.name);
    const roles = r.roleIds.map(titleOf).filter(Boolean).join(', ');
    out.push({ name: r.name, label: `${r.name}${roles ? ` (${roles})` : r.releasedAt !== null ? ' (released)' : ''}`, released: r.releasedAt !== null });
  }
  return out.sort((a, b) => Number(a.released) - Number(b.released));
}

/** The due date the policy gives: so many business days after the end (or after today, before the end). */
export function proposedDueDate(snapshot: IncidentSnapshot): string {
  const header = snapshot.header!;
  return postmortemDueDate(header.severity, localYmd(header.endedAt ?? incidentNow()), snapshot.postmortem.policy);
}

/**
 * Choosing the postmortem's owner (one person from the response, or
 * someone else by name; never a team) and its due date, proposed from the
 * severity's business days. Used in the owner dialog and the closing notice.
 */
export function OwnerFields({ snapshot, onAssigned, autoFocus = false }: { snapshot: IncidentSnapshot; onAssigned?: () => void; autoFocus?: boolean }) {
  const id = useId();
  const pm = snapshot.postmortem;
  const people = useMemo(() => candidates(snapshot), [snapshot]);
  const known = pm.owner !== null && people.some((p) => p.name === pm.owner);
  const [choice, setChoice] = useState(pm.owner === null ? (people[0]?.name ?? OTHER) : known ? pm.owner : OTHER);
  const [other, setOther] = useState(known ? '' : (pm.owner ?? ''));
  const proposed = proposedDueDate(snapshot);
  const [due, setDue] = useState(pm.dueDate ?? proposed);
  const { refusal, tryCommand } = useRefusal();
  const owner = choice === OTHER ? other : choice;
  const severity = snapshot.header!.severity;
  const days = pm.policy[severity];
  const warning = choice === OTHER && other.trim() ? notOnePerson(other) : null;

  function assign() {
    if (tryCommand(() => commands.assignPostmortemOwner({ owner, dueDate: due }))) onAssigned?.();
  }

  return (
    <fieldset className="owner-fields">
      <legend>Postmortem owner</legend>
      <p className="muted">One person, never a team: they see it through, and can ask others to write parts of it.</p>
      <div className="owner-row">
        <label htmlFor={`${id}-owner`}>Owner</label>
        <select id={`${id}-owner`} value={choice} data-autofocus={autoFocus || undefined} onChange={(e) => setChoice(e.target.value)}>
          {people.map((p) => (
            <option key={p.name} value={p.name}>
              {p.label}
            </option>
          ))}
          <option value={OTHER}>Someone else…</option>
        </select>
        {choice === OTHER && (
          <input aria-label="Owner's name" value={other} maxLength={80} placeholder="Their name" onChange={(e) => setOther(e.target.value)} />
        )}
      </div>
      {warning && (
        <p className="form-error" role="alert">
          {warning}
        </p>
      )}
      <div className="owner-row">
        <label htmlFor={`${id}-due`}>Due</label>
        <input id={`${id}-due`} type="date" value={due} aria-describedby={`${id}-due-hint`} onChange={(e) => setDue(e.target.value)} />
        <span className="muted" id={`${id}-due-hint`}>
          {severity}: {count(days, 'business day')} after the end, {formatYmd(proposed)}
          {due !== proposed && isYmd(proposed) && (
            <>
              {' '}
              <button type="button" className="linklike" onClick={() => setDue(proposed)}>
                Use it
              </button>
            </>
          )}
        </span>
      </div>
      <FormError message={refusal} />
      <button type="button" onClick={assign} disabled={!owner.trim()}>
        {pm.owner ? 'Change owner and due date' : 'Assign owner'}
      </button>
    </fieldset>
  );
}
