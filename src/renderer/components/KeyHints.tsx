import type { ReactNode } from 'react';

/**
 * The line of single-key shortcuts under a tab's title, with the message a
 * key leaves when it has nothing to act on ("Select a task first").
 */
export function KeyHints({
  keys,
  arrows,
  hint,
  id,
}: {
  /** Empty when the view is read-only: only selection keys remain. */
  keys: readonly { readonly key: string; readonly label: string }[];
  arrows: ReactNode;
  hint: string | null;
  id?: string;
}) {
  return (
    <p className="key-hints" id={id}>
      {keys.map((k) => (
        <span key={k.key}>
          <kbd>{k.key}</kbd> {k.label}
        </span>
      ))}
      <span>{arrows}</span>
      {/* Always rendered: a live region must exist before its text changes to be announced. */}
      <span className="key-hint-message" role="status">
        {hint}
      </span>
    </p>
  );
}
