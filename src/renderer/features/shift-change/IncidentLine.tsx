import { STATUS_PHASE_LABELS } from '../../../shared/incident/status-schema';
import { SeverityBadge } from '../../components/SeverityBadge';
import { formatTime, zoneName } from '../../components/format';
import type { IncidentLine as Line } from '../../incidents/shift-change';

/** One incident in a shift change, as the IC scans it: name, severity, phase, when the next status update is due. */
export function IncidentLine({ name, line }: { name: string; line: Line | null | undefined }) {
  return (
    <span className="shift-line">
      {line && <SeverityBadge severity={line.severity} />}
      <strong className="shift-line-name">{name}</strong>
      {line && <span>{STATUS_PHASE_LABELS[line.phase]}</span>}
      {line && (
        <span className="muted">{line.nextUpdateAt === null ? 'no update due' : `next update due ${formatTime(line.nextUpdateAt)} ${zoneName(line.nextUpdateAt)}`}</span>
      )}
    </span>
  );
}
