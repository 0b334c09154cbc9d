import type { OrgChart } from '../../../../shared/incident/org-chart';
import { ownerChoices } from '../plan-format';

/** Exactly one owner: a person on duty, or a role (which follows whoever holds it). */
export function OwnerSelect({ org, value, onChange, autoFocus }: { org: OrgChart | null; value: string; onChange: (value: string) => void; autoFocus?: boolean }) {
  const { people, roles } = ownerChoices(org);
  return (
    <label>
      Owner
      <select value={value} data-autofocus={autoFocus ? true : undefined} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose one owner…</option>
        <optgroup label="A person on duty">
          {people.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </optgroup>
        <optgroup label="A role (whoever holds it)">
          {roles.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </optgroup>
      </select>
    </label>
  );
}
