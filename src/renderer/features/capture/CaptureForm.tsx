import { useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import { EVENT_KIND_LABELS, LOGGABLE_KINDS, type LoggableKind } from '../../../shared/incident/kinds';
import { MAX_EVENT_TEXT } from '../../../shared/incident/limits';
import { parseStatedTime } from '../../../shared/incident/stated-time';
import type { CaptureTarget } from '../../../shared/ipc';
import { NO_INCIDENT } from '../../../shared/hotkeys/actions';
import { formatClock, zoneOf } from '../../components/format';
import { entryKeyAction, parseTimedEntry } from '../timeline/parseEntry';

export interface CaptureFormProps {
  /** The type selected (a "d: " prefix in the text still wins, as in the entry line). */
  kind: LoggableKind;
  onKindChange(kind: LoggableKind): void;
  /** When the hotkey was pressed: the event's time. */
  at: number | null;
  target: CaptureTarget | null;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  /** A stated clock time ("@09:30") is read in UTC, as the timeline shows it; else in this machine's zone. */
  utc?: boolean;
  /** Logs it, at the time stated in the text (or, without one, the press); resolves with why not, or null once logged. */
  onSubmit(kind: LoggableKind, text: string, statedAt: number | null): Promise<string | null> | string | null;
  onCancel(): void;
}

/**
 * Quick capture: one field, its type and where it goes. The same component
 * is the desktop app's capture window (capture.tsx) and the page's overlay
 * (CaptureOverlay.tsx). Enter logs, Escape cancels, Alt+1…6 and the "d: "
 * prefixes pick the type and "@09:30" or "@-10m" says when it happened,
 * exactly as in the quick-entry line.
 */
export function CaptureForm({ kind, onKindChange, at, target, inputRef, utc = false, onSubmit, onCancel }: CaptureFormProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const parsed = parseTimedEntry(text, kind);
  // Read again at each keystroke, so the line above says the time it will be logged at.
  const stated = parsed.when === undefined ? null : parseStatedTime(parsed.when, { now: Date.now(), utc });
  const shownAt = stated?.ok ? stated.at : at;
  const refusal = !target ? NO_INCIDENT : target.refusal;

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (busy) return;
    if (refusal) return setError(refusal);
    const entry = parsed.text.trim();
    if (stated && !stated.ok) return setError(stated.message);
    if (!entry) return setError('Write what happened.');
    if (entry.length > MAX_EVENT_TEXT) {
      return setError(`An event is at most ${MAX_EVENT_TEXT.toLocaleString('en-US')} characters; this one has ${entry.length.toLocaleString('en-US')}. Log the gist and keep the rest elsewhere.`);
    }
    setBusy(true);
    try {
      const problem = await onSubmit(parsed.kind, entry, stated?.ok ? stated.at : null);
      if (problem) setError(problem);
      else {
        setText('');
        setError(null);
      }
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  }

  function cancel() {
    setText('');
    setError(null);
    onCancel();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    const action = entryKeyAction(event.nativeEvent);
    if (!action) return;
    event.preventDefault();
    if (action.type === 'submit') void submit();
    else if (action.type === 'kind') onKindChange(action.kind);
    else cancel();
  }

  return (
    <form className="capture-form" onSubmit={(e) => void submit(e)} aria-label="Quick capture">
      <p className="capture-where" id="capture-where">
        {refusal ? (
          <span className="form-warning">{refusal}</span>
        ) : (
          <>
            Logs to <strong>{target!.name}</strong> as <strong>{EVENT_KIND_LABELS[parsed.kind]}</strong>
            {shownAt !== null && (
              <span className="muted">
                {' '}
                {stated?.ok ? 'happened at' : 'at'}{' '}
                <time dateTime={new Date(shownAt).toISOString()}>
                  {formatClock(shownAt, utc)} {zoneOf(shownAt, utc)}
                </time>
              </span>
            )}
          </>
        )}
      </p>
      <div className="capture-line">
        <select aria-label="Capture type" value={kind} onChange={(e) => onKindChange(e.target.value as LoggableKind)}>
          {LOGGABLE_KINDS.map((k, i) => (
            <option key={k} value={k}>
              {EVENT_KIND_LABELS[k]} (Alt+{i + 1})
            </option>
          ))}
        </select>
        <textarea
          ref={inputRef}
          rows={2}
          aria-label="What happened"
          aria-describedby="capture-where capture-hint"
          data-capture-input=""
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (error) setError(null);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      <p id="capture-hint" className="capture-hint" aria-live="polite">
        {error ? (
          <span role="alert" className="form-error">
            {error}
          </span>
        ) : (
          'Enter logs it · Shift+Enter new line · Alt+1…6 or d: a: s: f: i: pick the type · @09:30 or @-10m when · Esc cancels'
        )}
      </p>
    </form>
  );
}
