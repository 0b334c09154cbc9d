import { useEffect, useId, useLayoutEffect, useReducer, useRef, useState } from 'react';
import * as Y from 'yjs';
import type { StatusText } from '../../../shared/incident';
import type { PeerEditing } from '../../incidents/sync/connection';
import { useEditors } from '../../stores/sync';
import { announceEditing } from '../../incidents/sync/share';
import { attempt } from '../attempt';
import { caretPosition, type CaretBox } from './caret-position';
import { TextBinding, type TextEdit } from './text-binding';
import './collab-text.css';

/** One colour per peer, the same on every machine (it follows the Yjs client id). */
const PEER_COLOURS = ['#f59e0b', '#22d3ee', '#a78bfa', '#f472b6', '#4ade80', '#fb923c'];
export const peerColour = (clientId: number) => PEER_COLOURS[clientId % PEER_COLOURS.length]!;

const NO_EDITORS: readonly PeerEditing[] = [];

/**
 * A collaborative text: a text area (or a one-line input) bound to a
 * Y.Text, with who else is typing in it named above it and their carets
 * drawn in it. Each edit goes through `apply` (a domain command); the
 * binding writes nothing itself.
 */
export function CollabText({
  presence,
  className,
  label,
  value,
  text,
  max,
  rows,
  readOnly,
  multiline,
  hint,
  placeholder,
  describedBy: extraDescribedBy,
  fieldId,
  leaveOnEscape = false,
  apply,
  startOver,
}: {
  /** The name peers see this field by in the awareness protocol (at most 40 characters). */
  presence: string;
  className?: string;
  label: string;
  value: StatusText;
  text: Y.Text | null;
  max: number;
  rows: number;
  readOnly: boolean;
  multiline: boolean;
  hint?: string;
  placeholder?: string;
  /** Further descriptions of the field (a lint's summary). */
  describedBy?: string;
  /** The text area's id, for a lint that selects the words it flags. */
  fieldId?: string;
  /** Escape leaves the field, so the view's single keys act again (as it leaves the entry line). */
  leaveOnEscape?: boolean;
  apply(edit: TextEdit): void;
  startOver(): void;
}) {
  const generatedId = useId();
  const id = fieldId ?? generatedId;
  const ref = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [remoteTick, bump] = useReducer((n: number) => n + 1, 0);
  const allEditors = useEditors((s) => s.editors);
  const editors = allEditors.filter((e) => e.field === presence);
  const locked = readOnly || value.damaged || !text;
  // Read by the binding's callbacks, which outlive a render: a field nobody can type in is nobody's to announce.
  const lockedRef = useRef(locked);
  lockedRef.current = locked;
  const applyRef = useRef(apply);
  applyRef.current = apply;

  useEffect(() => {
    const element = ref.current;
    if (!element || !text) return;
    const binding = new TextBinding(element, text, {
      apply: (edit) => {
        applyRef.current(edit);
        setRefusal(null);
      },
      onRefused: setRefusal,
      onSelection: (selection) => announceEditing(selection && !lockedRef.current ? { field: presence, anchor: selection.anchor, head: selection.head } : null),
      onRemoteChange: bump,
    });
    return () => binding.destroy();
  }, [text, presence]);

  const names = editors.map((e) => e.name);
  const describedBy = [hint ? `${id}-hint` : '', `${id}-editors`, extraDescribedBy ?? ''].filter(Boolean).join(' ');
  const Element = multiline ? 'textarea' : 'input';
  return (
    <div className={`collab-field${className ? ` ${className}` : ''}`}>
      <div className="collab-label">
        <label htmlFor={id}>{label}</label>
        {/* Always rendered: a live region must exist before its text changes to be announced. */}
        <span className="collab-editors" id={`${id}-editors`} aria-live="polite">
          {names.length ? `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} editing` : ''}
        </span>
      </div>
      {hint && (
        <p className="muted collab-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div className="collab-wrap">
        <Element
          ref={ref}
          id={id}
          className={multiline ? 'collab-text' : 'collab-line'}
          readOnly={locked}
          rows={multiline ? rows : undefined}
          maxLength={max}
          spellCheck
          placeholder={placeholder}
          aria-describedby={describedBy}
          // Uncontrolled: the binding writes the value, so remote typing never moves the local caret.
          defaultValue={value.text}
          onKeyDown={
            leaveOnEscape
              ? (event: React.KeyboardEvent<HTMLElement>) => {
                  if (event.key === 'Escape' && !event.nativeEvent.isComposing) {
                    event.preventDefault();
                    event.currentTarget.blur();
                  }
                }
              : undefined
          }
        />
        <RemoteCarets field={ref} editors={editors.length ? editors : NO_EDITORS} text={text} tick={remoteTick} />
      </div>
      {value.damaged && (
        <p className="notice warning">
          This field holds something Command Post did not write (formatting, objects, or more than {max.toLocaleString('en-US')} characters); it is
          shown as plain text.{' '}
          {!readOnly && (
            <button type="button" onClick={() => attempt(startOver)}>
              Start it over from this text
            </button>
          )}
        </p>
      )}
      {refusal && (
        <p className="form-error" role="alert">
          {refusal}
        </p>
      )}
    </div>
  );
}

/** The other people's carets, each with their name, drawn over the field. */
function RemoteCarets({
  field,
  editors,
  text,
  tick,
}: {
  field: React.RefObject<HTMLTextAreaElement | HTMLInputElement | null>;
  editors: readonly PeerEditing[];
  text: Y.Text | null;
  tick: number;
}) {
  const [boxes, setBoxes] = useState<Array<{ editor: PeerEditing; box: CaretBox }>>([]);
  const [scrolled, onScroll] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const element = field.current;
    if (!element) return;
    element.addEventListener('scroll', onScroll);
    window.addEventListener('resize', onScroll);
    return () => {
      element.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
    };
  }, [field]);
  useLayoutEffect(() => {
    const element = field.current;
    if (!element || !text?.doc || !editors.length) {
      setBoxes([]);
      return;
    }
    const next: Array<{ editor: PeerEditing; box: CaretBox }> = [];
    for (const editor of editors) {
      const index = indexOf(editor.head, text);
      if (index === null) continue;
      const box = caretPosition(element, index);
      // Scrolled out of the field: not drawn.
      if (box.top < 0 || box.top + box.height > element.clientHeight + 2 || box.left < 0 || box.left > element.clientWidth) continue;
      next.push({ editor, box });
    }
    setBoxes(next);
  }, [editors, text, tick, scrolled, field]);
  return (
    <div className="remote-carets" aria-hidden="true">
      {boxes.map(({ editor, box }) => (
        <span
          key={editor.clientId}
          // On the first line there is no room above the caret for the name: it goes below.
          className={box.top < 16 ? 'remote-caret name-below' : 'remote-caret'}
          style={{ top: box.top, left: box.left, height: box.height, borderColor: peerColour(editor.clientId) }}
        >
          <span className="remote-caret-name" style={{ background: peerColour(editor.clientId) }}>
            {editor.name}
          </span>
        </span>
      ))}
    </div>
  );
}

/** A peer's position, sent as JSON by whoever they are: anything malformed is not drawn. */
function indexOf(position: unknown, text: Y.Text): number | null {
  try {
    if (typeof position !== 'object' || position === null) return null;
    const relative = Y.createRelativePositionFromJSON(position);
    const absolute = Y.createAbsolutePositionFromRelativePosition(relative, text.doc!);
    return absolute && absolute.type === text ? absolute.index : null;
  } catch {
    return null;
  }
}
