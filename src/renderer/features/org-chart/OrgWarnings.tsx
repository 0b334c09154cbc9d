import type { OrgWarning } from '../../../shared/incident/org-chart';
import type { TwoBosses } from '../../../shared/views/cross-incident';

/**
 * What the IC should fix in the organization: a lead with too many direct
 * reports (with the suggestion to add a level), the IC holding another role,
 * a person holding roles in another active incident too (unity of command).
 * Announced politely as they appear and clear.
 */
export function OrgWarnings({ warnings, twoBosses = [] }: { warnings: readonly OrgWarning[]; twoBosses?: readonly TwoBosses[] }) {
  return (
    <div className="org-warnings" aria-live="polite">
      {warnings.length + twoBosses.length > 0 && (
        <ul aria-label="Organization warnings">
          {warnings.map((w) => (
            <li key={w.kind === 'span' ? `span-${w.leadId}` : 'ic-holds-role'} className={`org-warning warning-${w.kind}`}>
              <strong>{w.kind === 'span' ? 'Span of control' : 'IC holds another role'}</strong> {w.message}
            </li>
          ))}
          {twoBosses.map((p) => (
            <li key={`two-${p.name}`} className="org-warning warning-two-bosses">
              <strong>Two incidents at once</strong> {p.name} holds {p.here.join(' and ')} here and{' '}
              {p.elsewhere.map((e, i) => (
                <span key={e.incidentId + e.role}>
                  {i > 0 && ' and '}
                  {e.role} in <a href={`#/incident/${e.incidentId}`}>{e.incidentName}</a>
                </span>
              ))}
              : one person, one boss. Release them from one, or have one IC lend them for a set time.
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
