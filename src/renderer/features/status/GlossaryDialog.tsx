import { useState } from 'react';
import { DEFAULT_GLOSSARY_TEXT, parseGlossary } from '../../../shared/report/glossary';
import { FormError } from '../../components/FormError';
import { Modal } from '../../components/Modal';
import { useStatusUi } from '../../stores/status-ui';
import { DialogForm } from '../../components/DialogForm';

/**
 * The organization's glossary for the plain-language lint, kept on this
 * machine: the acronyms and jargon its people use, with plainer words, and
 * the short forms everyone knows. Lines that cannot be read are listed with
 * why; the rest is saved and used.
 */
export function GlossaryDialog() {
  const stored = useStatusUi((s) => s.glossaryText);
  const storedProblem = useStatusUi((s) => s.glossaryProblem);
  const [text, setText] = useState(stored);
  const [error, setError] = useState<string | null>(storedProblem);
  const problems = parseGlossary(text).problems;
  const close = () => useStatusUi.getState().close();
  function save() {
    const result = useStatusUi.getState().saveGlossary(text);
    if (result.saved) close();
    else setError(result.message);
  }
  return (
    <Modal title="Glossary" onClose={close}>
      <DialogForm onSubmit={save}>
        <p className="muted" id="glossary-help">
          One entry a line: <code>DB = database</code>. Write <code>= ok</code> for a term everyone knows (never flagged), and end a line with{' '}
          <code>(external)</code> to flag a term only in messages to customers. Kept on this machine.
        </p>
        <label>
          Terms and plainer words
          <textarea className="glossary-text" rows={16} value={text} spellCheck={false} data-autofocus aria-describedby="glossary-help glossary-problems" onChange={(e) => setText(e.target.value)} />
        </label>
        <ul id="glossary-problems" className="glossary-problems" aria-label="Lines that cannot be read">
          {problems.map((p) => (
            <li key={p.line}>{p.message}</li>
          ))}
        </ul>
        <FormError message={error} />
        <div className="actions">
          <button type="button" onClick={() => setText(DEFAULT_GLOSSARY_TEXT)}>
            Restore the defaults
          </button>
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit">Save glossary</button>
        </div>
      </DialogForm>
    </Modal>
  );
}
