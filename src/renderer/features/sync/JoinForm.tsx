import { useState, type FormEvent, type RefObject } from 'react';
import { useUi } from '../../stores/ui';
import { FormError } from '../../components/FormError';
import { decodeShortCode, looksLikeShortCode } from '../../../shared/sync/short-code';
import { acceptInvite } from '../../incidents/sync/share';

/**
 * Joining a shared incident: paste the invite (a code or a link). The
 * incident opens at once and fills in as its peers send it.
 */
export function JoinForm({
  initialCode = '',
  onDone,
  textField,
  onArrowOut,
}: {
  initialCode?: string;
  onDone?: () => void;
  textField?: RefObject<HTMLTextAreaElement | null>;
  /** An arrow key in the empty field: the Join dialog moves to its list of command posts (true when it did). */
  onArrowOut?: () => boolean;
}) {
  const [code, setCode] = useState(initialCode);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    // A short code means a round trip to the command post that read it out.
    const short = looksLikeShortCode(code) ? decodeShortCode(code) : null;
    if (short?.ok) setAsking(`Asking the command post at ${short.code.host}:${short.code.port} for the invite…`);
    const result = await acceptInvite(code).finally(() => setAsking(null));
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
        Invite or short code
        <textarea
          name="invite"
          rows={3}
          value={code}
          ref={textField}
          data-autofocus
          onKeyDown={(e) => {
            // Only when empty: in a pasted invite the arrows move the caret.
            if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && code === '' && onArrowOut?.()) e.preventDefault();
          }}
          placeholder="Paste the invite code or link (it starts with cp1.), or type the short code read out to you"
          onChange={(e) => {
            setCode(e.target.value);
            setError(null);
          }}
          aria-invalid={error !== null}
        />
      </label>
      {asking && (
        <p className="muted" role="status">
          {asking}
        </p>
      )}
      <FormError message={error} />
      <div className="actions">
        {onDone && (
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        )}
        <button type="submit" disabled={!code.trim() || asking !== null}>
          Join incident
        </button>
      </div>
    </form>
  );
}
