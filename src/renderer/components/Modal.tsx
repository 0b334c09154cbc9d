import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal built on <dialog>: the browser traps focus, Escape closes it and
 * the rest of the page is inert while it is open.
 */
export function Modal({ title, onClose, children, wide = false }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    // A form marks the control to start in; as the autofocus attribute,
    // showModal() focuses it straight away instead of passing through the
    // first control (whose focus handler may act, as Settings' key fields do).
    const start = dialog?.querySelector<HTMLElement>('[data-autofocus]');
    start?.setAttribute('autofocus', '');
    if (dialog && !dialog.open) dialog.showModal();
    start?.focus();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'modal wide' : 'modal'}
      aria-labelledby="modal-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id="modal-title">{title}</h2>
      {children}
    </dialog>
  );
}
