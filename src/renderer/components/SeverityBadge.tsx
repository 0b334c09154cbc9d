import type { Severity } from '../../shared/ics/severity';
import { severityLevel } from '../../shared/ics/severity';

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className={`sev sev-${severity.slice(-1)}`} title={severityLevel(severity).meaning}>
      {severity}
    </span>
  );
}
