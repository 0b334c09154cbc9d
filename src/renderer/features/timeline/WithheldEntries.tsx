import type { TimelineEvent } from '../../../shared/incident';
import { EVENT_KIND_LABELS } from '../../../shared/incident';
import { REFUSAL_PHRASES } from '../../../shared/trust/files';
import { formatTime } from '../../components/format';
import { useTrust } from '../../stores/trust';

const NONE: readonly TimelineEvent[] = [];

/**
 * Entries this machine holds but does not accept (not signed by a member,
 * changed after signing, by an observer or a removed member): they change
 * nothing, and are listed here, apart from the timeline, each with why.
 * Entries whose check is still running are not listed: they join the
 * timeline a moment later.
 */
export function WithheldEntries({ withheld = NONE }: { withheld?: readonly TimelineEvent[] }) {
  const report = useTrust((s) => s.report);
  if (!report || !withheld.length) return null;
  const refused = withheld.flatMap((entry) => {
    const verdict = report.verdicts.get(entry);
    return verdict && !verdict.ok ? [{ entry, verdict }] : [];
  });
  if (!refused.length) return null;
  const signerOf = (key: string | null) => (key ? report.members.find((m) => m.key === key)?.name : undefined);
  return (
    <details className="notice warning withheld">
      <summary>
        {refused.length === 1 ? '1 entry was refused' : `${refused.length} entries were refused`}: {refused.length === 1 ? 'it changes' : 'they change'} nothing. Show why
      </summary>
      <ul aria-label="Refused entries">
        {refused.map(({ entry, verdict }) => (
          <li key={`${entry.id}-${entry.loggedAt}`}>
            <span className="muted">{formatTime(entry.at)}</span> {EVENT_KIND_LABELS[entry.kind]} “{entry.text}”, by {entry.author}
            {signerOf(verdict.key) && signerOf(verdict.key) !== entry.author ? ` (signed by ${signerOf(verdict.key)})` : ''}:{' '}
            <strong>{!verdict.ok && REFUSAL_PHRASES[verdict.reason]}</strong>
          </li>
        ))}
      </ul>
    </details>
  );
}
