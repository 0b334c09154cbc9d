import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { KnockRole } from '../../../shared/sync/knock';
import { restoreFocus } from '../../components/focus';
import { decideKnock } from '../../incidents/sync/lan-share';
import { askerText, knockQuestion } from '../../incidents/sync/lan-knocks';
import { useLanShare } from '../../stores/lan-share';

/**
 * Someone on this network asks to join the incident shared here: "Dana on
 * DANA-LAPTOP asks to join 26-Bravo", the code both screens show, and one
 * key per decision (R responder, O observer, N or Escape refuse). Nothing
 * is sent until then. Knocks queue: the next one shows when this one is
 * decided. A dialog of its own rather than Modal, since it may open over
 * another dialog (the Share dialog), whose title id it must not repeat.
 *
 * The keys act only after a moment: the prompt takes focus when the knock
 * arrives, and a letter the IC was already typing into the timeline must
 * not admit anyone.
 */
export const KNOCK_KEYS_AFTER_MS = 700;

const KEYS: Record<string, KnockRole | 'refused'> = { r: 'responder', o: 'observer', n: 'refused' };
const ROLE_LABEL: Record<KnockRole, string> = { responder: 'Admit as responder', observer: 'Admit as observer' };
const ROLE_HINT: Record<KnockRole, string> = { responder: 'reads and writes', observer: 'reads only' };

export function KnockPrompt() {
  const knock = useLanShare((s) => s.knocks[0] ?? null);
  const more = useLanShare((s) => Math.max(0, s.knocks.length - 1));
  const roles = useLanShare((s) => s.roles);
  const signed = useLanShare((s) => s.signed);
  const ref = useRef<HTMLDialogElement>(null);
  const refuseRef = useRef<HTMLButtonElement>(null);
  const [armed, setArmed] = useState(false);
  const open = knock !== null;

  // Opens over whatever is open, and gives focus back when the last knock is decided.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!open || !dialog) return;
    const opener = document.activeElement;
    if (!dialog.open) dialog.showModal();
    return () => {
      dialog.close();
      restoreFocus(opener);
    };
  }, [open]);

  // Each knock starts on Refuse (Enter on a surprise prompt admits nobody), and its keys arm after a moment.
  useEffect(() => {
    if (!knock) return;
    refuseRef.current?.focus();
    setArmed(false);
    const timer = setTimeout(() => setArmed(true), KNOCK_KEYS_AFTER_MS);
    return () => clearTimeout(timer);
  }, [knock]);

  if (!knock) return null;
  const decide = (decision: KnockRole | 'refused') => void decideKnock(knock.requestId, decision);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    const decision = KEYS[event.key.toLowerCase()];
    if (!decision) return;
    event.preventDefault();
    event.stopPropagation();
    if (armed && (decision === 'refused' || roles.includes(decision))) decide(decision);
  };

  return (
    <dialog
      ref={ref}
      className="modal knock-prompt"
      aria-labelledby="knock-title"
      aria-describedby="knock-code"
      data-keys-armed={armed}
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        event.preventDefault();
        if (armed) decide('refused');
      }}
    >
      <h2 id="knock-title">{knockQuestion(knock)}</h2>
      <p id="knock-code" className="knock-code">
        Check that their screen shows <strong className="code">{knock.code}</strong>
      </p>
      <p className="muted">
        {signed
          ? 'Admitting sends them this incident’s invite for the role you choose, sealed for their machine only.'
          : 'Admitting sends them this incident’s invite, sealed for their machine only: they can read and write everything in it.'}{' '}
        Nobody gets anything unless you admit them. A code that differs means someone else answered in between: refuse.
      </p>
      <div className="actions knock-actions">
        {roles.map((role) => (
          <button key={role} type="button" aria-keyshortcuts={role === 'responder' ? 'R' : 'O'} onClick={() => decide(role)} title={`${ROLE_LABEL[role]}: ${ROLE_HINT[role]}`}>
            {signed || roles.length > 1 ? ROLE_LABEL[role] : 'Admit'} <kbd>{role === 'responder' ? 'R' : 'O'}</kbd>
          </button>
        ))}
        <button ref={refuseRef} type="button" className="danger" aria-keyshortcuts="N Escape" onClick={() => decide('refused')}>
          Refuse <kbd>N</kbd>
        </button>
      </div>
      {more > 0 && (
        <p className="muted" role="status">
          {more === 1 ? 'One more is waiting' : `${more} more are waiting`} after {askerText(knock)}.
        </p>
      )}
    </dialog>
  );
}
