import { useState, type FormEvent } from 'react';
import { acceptInvite } from '../../stores/sync';
import { useUi } from '../../stores/ui';
import { FormError } from '../../components/FormError';

/**
 * Joining a shared incident: paste the invite (a code or a link). The
 * incident opens at once and fills in as its peers send it.
 */
export function JoinForm({ initialCode = '', onDone }: { initialCode?: string; onDone?: () => void }) {
  const [code, setCode] = useState(initialCode);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await acceptInvite(code);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    onDone?.();
    useUi.getState().navigate({ view: 'incident', id: result.invite.incidentId });
  }

  return (
    <form className="form" onSubmit={submit}>
      <label>
        Invite
        <textarea
          name="invite"
          rows={3}
          value={code}
          data-autofocus
          placeholder="Paste the invite code or link (it starts with cp1.)"
          onChange={(e) => {
            setCode(e.target.value);
            setError(null);
          }}
          aria-invalid={error !== null}
        />
      </label>
      <FormError message={error} />
      <div className="actions">
        {onDone && (
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        )}
        <button type="submit" disabled={!code.trim()}>
          Join incident
        </button>
      </div>
    </form>
  );
}
