import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { CommandError, EVENT_KIND_LABELS, LOGGABLE_KINDS, parseStatedTime, type LoggableKind, type StatedTime } from '../../../shared/incident';
import { NamePrompt } from '../identity/NamePrompt';
import { useUi } from '../../stores/ui';
import { useRefusal } from '../../components/useRefusal';
import { entryKeyAction, parseTimedEntry } from './parseEntry';
import { useTimelineUi } from '../../stores/timeline-ui';
import { incidentNow } from '../../incidents/clock';
import { formatClock, zoneOf } from '../../components/format';
import { typedLines } from '../../components/keys/typeahead';
import { useTypeahead } from '../../stores/typeahead';
import { commands } from '../../incidents/commands';
import { useIdentity } from '../../incidents/identity-store';
import { useAttribution } from '../../stores/attribution';
import { useIncidents } from '../../stores/incident';
import { openAttribution } from '../../app/intents';
import { describeAttribution, parseAttributionPrefix } from '../attribution/choices';

/**
 * The Scribe's line: focus it with "/" or Ctrl+L, pick the type with a
 * prefix ("d: …") or Alt+1…6, press Enter to log. It keeps focus after
 * logging so the next entry can follow at once.
 */
export function QuickEntry() {
  const kind = useUi((s) => s.quickKind);
  const focusRequest = useUi((s) => s.focusQuickEntry);
  const name = useIdentity((s) => s.name);
  const route = useUi((s) => s.route);
  const incidentId = route.view === 'incident' ? route.id : null;
  const attribution = useAttribution((s) => (incidentId ? (s.byIncident[incidentId] ?? null) : null));
  const chart = useIncidents((s) => s.snapshot?.org ?? null);
  const [text, setText] = useState('');
  const { refusal, setRefusal, tryCommand } = useRefusal();
  const input = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (focusRequest) input.current?.focus();
  }, [focusRequest]);

  // The line has just appeared (the incident was declared, joined or opened): it takes what was typed
  // while it loaded, logging each line ended with Enter, and the focus, unless something else already has it.
  useEffect(() => {
    const typed = useTypeahead.getState().take();
    if (typed === null && document.activeElement && document.activeElement !== document.body) return;
    input.current?.focus();
    if (!typed) return;
    const { logged, rest } = typedLines(typed);
    tryCommand(() => {
      for (const line of logged) commands.logEvent(entryInput(line, useUi.getState().quickKind));
    });
    setText(rest);
    // Once, when the line first appears.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A cue card's entry to finish: its type chosen, its first [blank] selected, ready to type over.
  const draft = useUi((s) => s.quickDraft);
  const onTimeline = useUi((s) => s.incidentTab === 'timeline');
  useEffect(() => {
    if (!draft) return;
    useUi.getState().setQuickKind(draft.kind);
    setText(draft.text);
    setRefusal(null);
    const blank = /\[[^\][]+\]/.exec(draft.text);
    requestAnimationFrame(() => {
      const el = input.current;
      if (!el) return;
      el.focus();
      if (blank) el.setSelectionRange(blank.index, blank.index + blank[0].length);
    });
  }, [draft, setRefusal]);

  const utc = useTimelineUi((s) => s.utc);
  const declaredAt = useIncidents((s) => s.snapshot?.header?.declaredAt);
  // "ic> …" switches whom the entries are for, this one and the ones after.
  const prefixed = parseAttributionPrefix(text, chart);
  const line = prefixed ? prefixed.rest : text;
  const parsed = parseTimedEntry(line, kind);
  // Read again at each keystroke, so "@-10m" says the time it will be logged at.
  const stated = parsed.when === undefined ? null : parseStatedTime(parsed.when, { now: incidentNow(), utc, declaredAt });
  const forWhom = describeAttribution(prefixed ? prefixed.attribution : attribution, chart, name);

  function submit() {
    if (!text.trim()) return;
    if (prefixed && incidentId) useAttribution.getState().set(incidentId, prefixed.attribution);
    if (prefixed && !prefixed.rest.trim()) return setText('');
    if (tryCommand(() => commands.logEvent(entryInput(line, kind)))) setText('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    const action = entryKeyAction(event.nativeEvent);
    if (action?.type === 'submit') {
      event.preventDefault();
      submit();
    } else if (action?.type === 'kind') {
      event.preventDefault();
      useUi.getState().setQuickKind(action.kind);
    } else if (action?.type === 'escape') {
      input.current?.blur();
    }
  }

  if (!name) return <NamePrompt why="Your name, so the timeline records who logged what" />;

  return (
    <div className="quick-entry">
      <select
        aria-label="Event type"
        value={kind}
        onChange={(e) => useUi.getState().setQuickKind(e.target.value as LoggableKind)}
      >
        {LOGGABLE_KINDS.map((k, i) => (
          <option key={k} value={k}>
            {EVENT_KIND_LABELS[k]} (Alt+{i + 1})
          </option>
        ))}
      </select>
      <div className="quick-entry-line">
        <textarea
          ref={input}
          rows={1}
          aria-label="Log a timeline event"
          aria-keyshortcuts="/ Control+L"
          aria-describedby="quick-entry-hint"
          placeholder="What happened? Enter logs it · d: decision · a: action · s: status · f: follow-up · i: impact · @09:30 when"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (refusal) setRefusal(null);
          }}
          onKeyDown={onKeyDown}
        />
        <p id="quick-entry-hint" className="quick-entry-hint" aria-live="polite">
          {refusal ? (
            <span role="alert" className="form-error">
              {refusal}
            </span>
          ) : (
            <>
              Logs as <strong>{EVENT_KIND_LABELS[parsed.kind]}</strong>
              {stated && <StatedAt stated={stated} utc={utc} />}{' '}
              {forWhom ? (
                <>
                  for{' '}
                  <button type="button" className="link attributed" aria-keyshortcuts="Alt+A" title="Log for someone else (Alt+A)" onClick={openAttribution}>
                    {forWhom}
                  </button>
                  , logged by {name}.
                </>
              ) : (
                <>
                  by {name} (
                  <button type="button" className="link" aria-keyshortcuts="Alt+A" onClick={openAttribution}>
                    for someone else: Alt+A
                  </button>
                  ).
                </>
              )}{' '}
              Shift+Enter for a new line.
            </>
          )}
        </p>
      </div>
      {/* The Timeline's primary action; under the other tabs, their own leads and the line stays quiet. */}
      <button className={onTimeline ? 'primary' : undefined} onClick={submit} disabled={!text.trim()}>
        Log
      </button>
    </div>
  );
}

/**
 * What a line logs: its type, its text and, with "@09:30 " or "@-10m ", when
 * it happened, read in the zone the timeline shows. A time that cannot be
 * read refuses the line with the parser's words; nothing typed is lost.
 */
function entryInput(line: string, fallback: LoggableKind): { kind: LoggableKind; text: string; at?: number } {
  const { kind, text, when } = parseTimedEntry(line, fallback);
  if (when === undefined) return { kind, text };
  const stated = parseStatedTime(when, {
    now: incidentNow(),
    utc: useTimelineUi.getState().utc,
    declaredAt: useIncidents.getState().snapshot?.header?.declaredAt,
  });
  if (!stated.ok) throw new CommandError(stated.message, 'at');
  return { kind, text, at: stated.at };
}

/** " at 09:30:00 UTC, yesterday (backdated)" in the hint line, or why the time cannot be read. */
function StatedAt({ stated, utc }: { stated: StatedTime; utc: boolean }) {
  if (!stated.ok) return <span className="form-warning"> ({stated.message})</span>;
  return (
    <>
      {' '}
      at{' '}
      <strong>
        {formatClock(stated.at, utc)} {zoneOf(stated.at, utc)}
        {stated.day === 'yesterday' ? ' yesterday' : ''}
      </strong>
    </>
  );
}
