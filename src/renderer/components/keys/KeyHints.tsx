import { Fragment } from 'react';
import { keysThatAct, type KeyPermission, type KeyTable } from './key-table';
import { useKeyPrefs } from '../../stores/key-prefs';
import { paletteKeys } from './palette-key';
import './key-hints.css';

/**
 * The line of single-key shortcuts under a tab's title, from the tab's key
 * table: the keys that act now (the same test useTabKeys applies, so a
 * read-only tab shows only what still works), the reminder of how to move
 * the selection, and the message a key leaves when it has nothing to act
 * on ("Select a task first").
 */
export function KeyHints<A extends string>({
  table,
  permission = {},
  hint,
  id,
}: {
  table: KeyTable<A>;
  permission?: KeyPermission<A>;
  hint: string | null;
  id?: string;
}) {
  const singleKeys = useKeyPrefs((s) => s.singleKeys);
  const moves = table.moveHint;
  // With single keys off (Settings), letters list nothing that works (j, k): the palette names the actions instead.
  const groups = moves?.groups.filter((group) => singleKeys || !group.some((key) => /^[a-z0-9]$/i.test(key))) ?? [];
  return (
    <p className="key-hints" id={id}>
      {singleKeys ? (
        keysThatAct(table, permission).map((k) => (
          <span key={k.key}>
            <kbd>{k.key}</kbd> {k.label}
          </span>
        ))
      ) : (
        <span>
          Single-key shortcuts are off: <kbd>{paletteKeys()}</kbd> finds this tab’s actions
        </span>
      )}
      <span>
        {moves && groups.length > 0 && (
          <>
            {groups.map((group, i) => (
              <Fragment key={group.join(' ')}>
                {i > 0 && ' or '}
                {group.map((key) => (
                  <kbd key={key}>{key}</kbd>
                ))}
              </Fragment>
            ))}{' '}
            {moves.label}
          </>
        )}
      </span>
      {/* Always rendered: a live region must exist before its text changes to be announced. */}
      <span className="key-hint-message" role="status">
        {hint}
      </span>
    </p>
  );
}
