import type { StatusRole } from '../../../shared/views/status-document';

/** Who holds which role, as the status document reads it live from the org chart (the tab and the observer's page). */
export function RoleList({ roles }: { roles: readonly StatusRole[] }) {
  return (
    <ul className="status-roles">
      {roles.map((r) => (
        <li key={r.title}>
          <span className="muted">{r.title}</span> {r.holder}
        </li>
      ))}
    </ul>
  );
}
