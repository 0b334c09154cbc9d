import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { EVENT_KIND_LABELS, type LoggableKind } from '../../../shared/incident/kinds';
import { parseStatedTime } from '../../../shared/incident/stated-time';
import { formatClock, zoneOf } from '../../components/format';
import { messageOf } from '../../components/attempt';
import { useNotePad } from '../../incidents/note-pad';
import type { PadNote } from '../../incidents/db';
import { incidentNow } from '../../incidents/clock';
import { useTimelineUi } from '../../stores/timeline-ui';
import { useUi } from '../../stores/ui';
import { parseTimedEntry } from '../timeline/parseEntry';
import './note-pad.css';

export const NOTE_PAD_INPUT_ID = 'note-pad-input';

/**
 * Observations before the declaration: what was seen before anyone
 * declared, noted with its time on this machine (the entry line's grammar:
 * "i: rack 12 dark", "@09:30 UPS alarm"). Declaring from here makes them the
 * incident's first entries. Enter notes a line and keeps the focus for the
 * next one.
 */
export function NotePad() {
  const notes = useNotePad((s) => s.notes);
  const problem = useNotePad((s) => s.problem);
  const utc = useTimelineUi((s) => s.utc);
  const [text, setText] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void useNotePad.getState().load();
  }, []);

  // "/" or Ctrl+L: on the list, the line to type into is this one.
  const focusRequest = useUi((s) => s.focusQuickEntry);
  const seenRequest = useRef(focusRequest);
  useEffect(() => {
    // Only a request made while the list is shown: not one left from an incident's entry line.
    if (focusRequest !== seenRequest.current) input.current?.focus();
    seenRequest.current = focusRequest;
  }, [focusRequest]);

  const parsed = parseTimedEntry(text, 'note');
  const stated = parsed.when === undefined ? null : parseStatedTime(parsed.when, { now: incidentNow(), utc });

  /**
   * Notes the line. The field empties at once, so the next observation can be
   * typed while this one is written; if the write fails, the line comes back
   * (before anything typed since) with the reason, and nothing is lost.
   */
  async function add() {
    if (!text.trim()) return;
    if (stated && !stated.ok) return setRefusal(stated.message);
    const line = text;
    setText('');
    setRefusal(null);
    try {
      await useNotePad.getState().add({ kind: parsed.kind, text: parsed.text, at: stated?.ok ? stated.at : undefined });
    } catch (caught) {
      setText((typed) => (typed ? `${line} ${typed}` : line));
      setRefusal(messageOf(caught));
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void add();
    }
  }

  const count = notes?.length ?? 0;
  return (
    <section className="note-pad" aria-labelledby="note-pad-title">
      <div className="note-pad-head">
        <h2 id="note-pad-title">
          Before declaring: observations {count > 0 && <span className="count">{count}</span>}
        </h2>
        {count > 0 && (
          <button type="button" className="primary" onClick={() => useUi.getState().openDialog('declare')} aria-keyshortcuts="Control+Shift+D">
            Declare with these notes…
          </button>
        )}
      </div>
      <p className="muted note-pad-why">
        Kept on this machine until an incident is declared; they become its first entries, with their times.
      </p>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {count > 0 && (
        <ol className="note-pad-notes" aria-label="Observations noted">
          {notes!.map((note) => (
            <NoteRow key={note.id} note={note} utc={utc} onRemoved={() => input.current?.focus()} />
          ))}
        </ol>
      )}
      <div className="note-pad-entry">
        <input
          id={NOTE_PAD_INPUT_ID}
          ref={input}
          value={text}
          aria-label="Note an observation"
          aria-keyshortcuts="/ Control+L"
          aria-describedby="note-pad-hint"
          aria-invalid={refusal !== null}
          placeholder="What did you see? Enter notes it · @09:30 if earlier · i: impact"
          autoComplete="off"
          onChange={(event) => {
            setText(event.target.value);
            setRefusal(null);
          }}
          onKeyDown={onKeyDown}
        />
        <button type="button" onClick={() => void add().then(() => input.current?.focus())} disabled={!text.trim()}>
          Note
        </button>
      </div>
      <p id="note-pad-hint" className="note-pad-hint" aria-live="polite">
        {refusal ? (
          <span role="alert" className="form-error">
            {refusal}
          </span>
        ) : stated && !stated.ok ? (
          <span className="form-warning">{stated.message}</span>
        ) : (
          <>
            Notes a <strong>{EVENT_KIND_LABELS[parsed.kind].toLowerCase()}</strong>
            {stated?.ok && (
              <>
                {' '}
                at <strong>{formatClock(stated.at, utc)} {zoneOf(stated.at, utc)}{stated.day === 'yesterday' ? ' yesterday' : ''}</strong>
              </>
            )}
            {!stated && ' at the time you press Enter'}.
          </>
        )}
      </p>
    </section>
  );
}

function NoteRow({ note, utc, onRemoved }: { note: PadNote; utc: boolean; onRemoved(): void }) {
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <li className="note-pad-note">
      <time dateTime={new Date(note.at).toISOString()}>
        {formatClock(note.at, utc)} <span className="zone">{zoneOf(note.at, utc)}</span>
      </time>
      <span className="kind">{EVENT_KIND_LABELS[note.kind as LoggableKind]}</span>
      <span className="text">{note.text}</span>
      <button
        type="button"
        className="link"
        aria-label={`Remove from the pad: ${note.text.length > 40 ? `${note.text.slice(0, 39)}…` : note.text}`}
        onClick={() => {
          useNotePad
            .getState()
            .remove(note.id)
            .then(onRemoved, (error: unknown) => setProblem(messageOf(error)));
        }}
      >
        Remove
      </button>
      {problem && (
        <span className="form-error" role="alert">
          {problem}
        </span>
      )}
    </li>
  );
}
