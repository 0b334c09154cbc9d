import type { ReactNode } from 'react';
import { FormError } from './FormError';

/**
 * The foot of every form dialog: the error, if any, then Cancel and the
 * action, the action last (where Enter's default lands).
 */
export function FormFooter({ error, onCancel, submit }: { error: string | null; onCancel: () => void; submit: ReactNode }) {
  return (
    <>
      <FormError message={error} />
      <div className="actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        {typeof submit === 'string' ? <button type="submit">{submit}</button> : submit}
      </div>
    </>
  );
}
