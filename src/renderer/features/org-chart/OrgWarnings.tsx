import type { OrgWarning } from '../../../shared/incident/org-chart';

/**
 * What the IC should fix in the organization: a lead with too many direct
 * reports (with the suggestion to add a level), the IC holding another role.
 * Announced politely as they appear and clear.
 */
export function OrgWarnings({ warnings }: { warnings: readonly OrgWarning[] }) {
  return (
    <div className="org-warnings" aria-live="polite">
      {warnings.length > 0 && (
        <ul aria-label="Organization warnings">
          {warnings.map((w) => (
            <li key={w.kind === 'span' ? `span-${w.leadId}` : 'ic-holds-role'} className={`org-warning warning-${w.kind}`}>
              <strong>{w.kind === 'span' ? 'Span of control' : 'IC holds another role'}</strong> {w.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
