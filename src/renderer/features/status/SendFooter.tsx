import type { RefObject } from 'react';
import type { LintWarning } from '../../../shared/report/plain-language';
import { FormFooter } from '../../components/FormFooter';
import { count } from '../../../shared/plural';

/**
 * The foot of every message composer (an update, a CAN report, the closing
 * notice): the plain-language lint, then the form's error and Cancel (or
 * "Later") beside "Record as sent".
 */
export function SendFooter({
  warnings,
  area,
  error,
  onCancel,
  cancel,
}: {
  warnings: readonly LintWarning[];
  area: RefObject<HTMLTextAreaElement | null>;
  error: string | null;
  onCancel: () => void;
  cancel?: string;
}) {
  return (
    <>
      <LintList warnings={warnings} area={area} />
      <FormFooter
        error={error}
        onCancel={onCancel}
        cancel={cancel}
        submit={
          <button type="submit" aria-keyshortcuts="Control+Enter">
            Record as sent
          </button>
        }
      />
    </>
  );
}

/** The lint's warnings: each says why; a click selects the words in the message. None blocks sending. */
function LintList({ warnings, area }: { warnings: readonly LintWarning[]; area: RefObject<HTMLTextAreaElement | null> }) {
  return (
    <div className="lint">
      <p id="composer-lint-summary" className="muted" role="status">
        {warnings.length === 0 ? 'Plain language: nothing to flag.' : `Plain language: ${count(warnings.length, 'suggestion')}. None stops you sending.`}
      </p>
      {warnings.length > 0 && (
        <ul className="lint-warnings" aria-label="Plain-language suggestions">
          {warnings.map((w, i) => (
            <li key={`${w.rule}-${w.start}-${i}`} className={`lint-${w.rule}`}>
              {w.end > w.start ? (
                <button
                  type="button"
                  className="linklike"
                  title="Select these words in the message"
                  onClick={() => {
                    area.current?.focus();
                    area.current?.setSelectionRange(w.start, w.end);
                  }}
                >
                  “{w.excerpt}”
                </button>
              ) : null}{' '}
              {w.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

