import type { TextWarning } from '../../../shared/report/blameless';
import { count } from '../../../shared/plural';

/**
 * A lint's warnings under a text: each says why and, where there is one,
 * offers a rewording; a click on the flagged words selects them in the
 * field. None blocks anything.
 */
export function WarningList({ warnings, fieldId, id, label, clean }: { warnings: readonly TextWarning[]; fieldId: string | null; id: string; label: string; clean: string }) {
  return (
    <div className="lint pm-lint">
      <p id={id} className="muted" role="status">
        {warnings.length === 0 ? clean : `${label}: ${count(warnings.length, 'suggestion')}.`}
      </p>
      {warnings.length > 0 && (
        <ul className="lint-warnings" aria-label={`${label} suggestions`}>
          {warnings.map((w, i) => (
            <li key={`${w.rule}-${w.start}-${i}`} className={`lint-${w.rule}`}>
              {w.end > w.start && fieldId ? (
                <button
                  type="button"
                  className="linklike"
                  title="Select these words"
                  onClick={() => {
                    const field = document.getElementById(fieldId) as HTMLTextAreaElement | HTMLInputElement | null;
                    field?.focus();
                    field?.setSelectionRange(w.start, w.end);
                  }}
                >
                  “{w.excerpt}”
                </button>
              ) : w.end > w.start ? (
                <strong>“{w.excerpt}”</strong>
              ) : null}{' '}
              {w.message}
              {w.suggestion && <span className="lint-suggestion"> Instead: {w.suggestion}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
