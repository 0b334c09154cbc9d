/**
 * The foot of a dialog that only shows something: a Close button. Where the
 * dialog has no other control to start in, it starts there (autoFocus).
 */
export function CloseFooter({ onClose, autoFocus = false }: { onClose: () => void; autoFocus?: boolean }) {
  return (
    <div className="actions">
      <button type="button" data-autofocus={autoFocus || undefined} onClick={onClose}>
        Close
      </button>
    </div>
  );
}
