import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { CUE_CARD_GROUPS, CUE_CARD_GROUP_LABELS, CUE_CARDS, cueEntry, cueKeys, type CueCard } from '../../../shared/views/cue-cards';
import { EVENT_KIND_LABELS } from '../../../shared/incident';
import { useIncidents } from '../../stores/incident';
import { useUi } from '../../stores/ui';
import { attempt } from '../../components/attempt';
import { characterShortcutsOn } from '../../components/keys/typing';
import { listenFor } from '../../components/keys/active-tables';
import type { KeyTable } from '../../components/keys/key-table';
import { Blanks } from './Blanks';
import './cue-cards.css';
import { commands } from '../../incidents/commands';
import { useIdentity } from '../../incidents/identity-store';
import { addNotice } from '../../stores/notices';

const KEYS = cueKeys();
const KEY_OF = new Map([...KEYS].map(([key, card]) => [card.id, key]));

/** The cards' keys as a key table, so the command palette offers each card's log while the panel is open. */
const CUE_TABLE: KeyTable<string> = {
  title: 'Cue cards',
  keys: [...KEYS].map(([key, card]) => ({ key, action: card.id, label: `log ${EVENT_KIND_LABELS[card.log.kind].toLowerCase()}: ${card.title}` })),
};

/**
 * The IC's cue cards beside the incident (Alt+C): what to say when the call
 * starts, a decision is needed, command changes hands, an executive steps
 * in… Each card's key (1–9, a–z) logs what happened: at once when the
 * entry is complete, or in the entry line with its first blank selected.
 */
export function CueCardsPanel({ readOnly }: { readOnly: boolean }) {
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useRef<HTMLDivElement>(null);
  const name = useIdentity((s) => s.name);
  const severity = useIncidents((s) => s.snapshot?.header?.severity);

  const known = { yourName: name, severity };
  function log(card: CueCard) {
    const entry = cueEntry(card, known);
    if (entry.blanks.length) {
      useUi.getState().draftQuickEntry(entry.kind, entry.text);
      return;
    }
    if (attempt(() => commands.logEvent({ kind: entry.kind, text: entry.text }))) addNotice('info', `Logged: ${entry.text}`);
  }

  // Read when a palette row is chosen: the newest name and severity fill the entry.
  const logNow = useRef(log);
  logNow.current = log;
  useEffect(() => {
    if (readOnly) return;
    return listenFor({ table: CUE_TABLE, current: () => ({ run: (id) => logNow.current(CUE_CARDS.find((c) => c.id === id)!) }) });
  }, [readOnly]);

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.nativeEvent.isComposing) return;
    const heads = [...(list.current?.querySelectorAll<HTMLButtonElement>('.cue-head') ?? [])];
    const at = heads.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = at < 0 ? 0 : (at + (event.key === 'ArrowDown' ? 1 : -1) + heads.length) % heads.length;
      heads[next]?.focus();
      return;
    }
    if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      heads[event.key === 'Home' ? 0 : heads.length - 1]?.focus();
      return;
    }
    if (event.key === 'PageUp' || event.key === 'PageDown') {
      // They scroll the cards; the timeline behind must not move its selection too.
      event.stopPropagation();
      return;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      useUi.getState().requestQuickEntryFocus();
      return;
    }
    const card = KEYS.get(event.key.toLowerCase());
    // A card's key is a single-key shortcut: none while they are turned off (Settings); the palette still reaches the cards.
    if (!card || readOnly || !characterShortcutsOn()) return;
    // Handled here: the views' own single keys (the plan's, the org chart's) must not act too.
    event.preventDefault();
    setOpenId(card.id);
    // Once expanded: the card's words, top first, in view.
    requestAnimationFrame(() => list.current?.querySelector(`[data-card="${card.id}"]`)?.scrollIntoView({ block: 'start' }));
    log(card);
  }

  return (
    <aside className="cue-panel" aria-label="Cue cards" onKeyDown={onKeyDown}>
      <div className="cue-panel-head">
        <h2>Cue cards</h2>
        <button type="button" aria-label="Close cue cards" aria-keyshortcuts="Alt+C" onClick={() => useUi.getState().toggleCuePanel(false)}>
          ×
        </button>
      </div>
      <p className="key-hints">
        <span>
          <kbd>↑</kbd>
          <kbd>↓</kbd> <kbd>Home</kbd> <kbd>End</kbd> card
        </span>
        {!readOnly && (
          <span>
            <kbd>1</kbd>…<kbd>z</kbd> log what happened
          </span>
        )}
      </p>
      <div className="cue-list" ref={list}>
        {CUE_CARD_GROUPS.map((group) => (
          <section key={group} aria-label={CUE_CARD_GROUP_LABELS[group]}>
            <h3>{CUE_CARD_GROUP_LABELS[group]}</h3>
            {CUE_CARDS.filter((c) => c.group === group).map((card) => (
              <CueCardView
                key={card.id}
                card={card}
                open={openId === card.id}
                readOnly={readOnly}
                entry={cueEntry(card, known).text}
                onToggle={() => setOpenId(openId === card.id ? null : card.id)}
                onLog={() => log(card)}
              />
            ))}
          </section>
        ))}
      </div>
    </aside>
  );
}

interface CardProps {
  readonly card: CueCard;
  readonly open: boolean;
  readonly readOnly: boolean;
  /** The entry its key logs, with what is known filled in. */
  readonly entry: string;
  readonly onToggle: () => void;
  readonly onLog: () => void;
}

function CueCardView({ card, open, readOnly, entry, onToggle, onLog }: CardProps) {
  const key = KEY_OF.get(card.id)!;
  const bodyId = `cue-${card.id}`;
  return (
    <article className={`cue-card${open ? ' open' : ''}`} data-card={card.id}>
      <button type="button" className="cue-head" aria-expanded={open} aria-controls={bodyId} onClick={onToggle}>
        <kbd aria-hidden="true">{key}</kbd>
        <span className="cue-title">{card.title}</span>
      </button>
      <p className="cue-when">{card.when}</p>
      {open && (
        <div id={bodyId} className="cue-body">
          <ol className="cue-phrases">
            {card.phrases.map((phrase, i) => (
              <li key={i}>
                {phrase.cue && <span className="cue-direction">{phrase.cue} </span>}
                <q>
                  <Blanks text={phrase.say} />
                </q>
              </li>
            ))}
          </ol>
          <p className="cue-why">{card.why}</p>
        </div>
      )}
      {!readOnly && (
        <button type="button" className="cue-log" aria-keyshortcuts={key} onClick={onLog}>
          Log {EVENT_KIND_LABELS[card.log.kind].toLowerCase()}: <Blanks text={entry} />
        </button>
      )}
    </article>
  );
}
