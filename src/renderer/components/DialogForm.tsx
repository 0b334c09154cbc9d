import type { FormEvent, KeyboardEvent, ReactNode } from 'react';

/**
 * A dialog's form: Enter submits from any field, a closed list included
 * (browsers only do that for text fields), and Ctrl+Enter from a text area,
 * where Enter is a new line.
 */
export function DialogForm({ onSubmit, children }: { onSubmit: () => void; children: ReactNode }) {
  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit();
  }
  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    const tag = (event.target as HTMLElement).tagName;
    if ((tag === 'SELECT' && !event.shiftKey) || (tag === 'TEXTAREA' && (event.ctrlKey || event.metaKey))) {
      event.preventDefault();
      onSubmit();
    }
  }
  return (
    <form className="form" onSubmit={submit} onKeyDown={onKeyDown} noValidate>
      {children}
    </form>
  );
}
