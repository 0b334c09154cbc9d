import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { restoreFocus } from './focus';

/**
 * A modal built on <dialog>: the browser traps focus, Escape closes it and
 * the rest of the page is inert while it is open. When it closes (Escape,
 * Cancel or a submit), focus goes back to the control that opened it.
 */
export function Modal({ title, onClose, children, wide = false }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  // A layout effect: its cleanup runs while the dialog is still in the page, before React removes it.
  useLayoutEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement;
    // A form marks the control to start in; as the autofocus attribute,
    // showModal() focuses it straight away instead of passing through the
    // first control (whose focus handler may act, as Settings' key fields do).
    const start = dialog?.querySelector<HTMLElement>('[data-autofocus]');
    start?.setAttribute('autofocus', '');
    if (dialog && !dialog.open) dialog.showModal();
    start?.focus({ preventScroll: true });
    // A dialog taller than the window opens at its top, where its title is, whichever control starts.
    if (dialog) dialog.scrollTop = 0;
    return () => {
      dialog?.close();
      restoreFocus(opener);
    };
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
