import { byline, UPDATE_AUDIENCE_LABELS, UPDATE_TEMPLATE_LABELS, type UpdateEvent } from '../../../shared/incident';
import { formatTime, zoneName } from '../../components/format';
import { CopyButtons } from '../../components/CopyButtons';

/** The updates sent, newest first, each with its whole text to read again or copy again. */
export function SentUpdates({ updates, drill }: { updates: readonly UpdateEvent[]; drill: boolean }) {
  return (
    <section className="sent-updates" aria-label="Updates sent">
      <h3>Updates sent</h3>
      {updates.length === 0 ? (
        <p className="muted">None yet. The first message should go out within minutes of the declaration, even before the scope is known.</p>
      ) : (
        <ol>
          {updates.map((u) => (
            <li key={u.id} className={`sent-update audience-${u.audience}`}>
              <details>
                <summary>
                  <span className="mono">
                    {formatTime(u.at)} {zoneName(u.at)}
                  </span>{' '}
                  <strong>{u.template === 'can' ? 'CAN report' : `${UPDATE_AUDIENCE_LABELS[u.audience]}: ${UPDATE_TEMPLATE_LABELS[u.template]}`}</strong>{' '}
                  <span className="muted">
                    by {byline(u)}
                    {u.nextAt === null ? ', no further update planned' : `, next by ${formatTime(u.nextAt)}`}
                  </span>
                </summary>
                <pre className="sent-update-body">{u.body}</pre>
                <CopyButtons text={u.body} what="this update" drill={drill} />
              </details>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
