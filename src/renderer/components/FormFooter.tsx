import type { ReactNode } from 'react';
import { FormError } from './FormError';

/**
 * The foot of every form dialog: the error, if any, then Cancel (or what
 * leaving means there, say "Later") and the action, the action last (where
 * Enter's default lands).
 */
export function FormFooter({ error, onCancel, submit, cancel = 'Cancel' }: { error: string | null; onCancel: () => void; submit: ReactNode; cancel?: ReactNode }) {
  return (
    <>
      <FormError message={error} />
      <div className="actions">
        <button type="button" onClick={onCancel}>
          {cancel}
        </button>
        {typeof submit === 'string' ? <button type="submit" className="primary">{submit}</button> : submit}
      </div>
    </>
  );
}
