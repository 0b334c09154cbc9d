import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { MAX_ACTION_ITEM_TEXT } from '../../../shared/incident';
import { lintActionItem } from '../../../shared/report/action-items';
import type { ActionItemFact } from '../../../shared/report/postmortem-facts';
import { FormError } from '../../components/FormError';
import { attempt } from '../../components/attempt';
import { useRefusal } from '../../components/useRefusal';
import { WarningList } from './WarningList';
import { formatYmd } from '../../../shared/ics/business-days';
import { commands } from '../../incidents/commands';
import { addNotice } from '../../stores/notices';
import { useIncidents } from '../../stores/incident';
import { MenuButton } from '../../components/MenuButton';
import { ACTION_ITEM_EXPORTS, exportProblem, saveExport } from './export-files';

/**
 * The action items: gathered from the follow-ups logged in the timeline,
 * added here, each with its text, one person as owner and a due date, and
 * the action-item lint under it (a verb first, specific, bounded, owned);
 * and out to the tracker where the follow-up work is done.
 */
export function ActionItems({ items, readOnly, names }: { items: readonly ActionItemFact[]; readOnly: boolean; names: readonly string[] }) {
  const listId = useId();
  return (
    <div className="pm-items">
      {items.length > 0 && <ExportActionItems />}
      <datalist id={`${listId}-people`}>
        {names.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      {items.length === 0 ? (
        <p className="muted">{readOnly ? 'No action items yet.' : 'No action items yet. Gather the follow-ups logged during the incident (g), or add one below.'}</p>
      ) : (
        <ol className="pm-item-list" aria-label="Action items">
          {items.map((item, i) => (
            <ActionItemRow key={item.id} item={item} index={i + 1} readOnly={readOnly} people={`${listId}-people`} />
          ))}
        </ol>
      )}
      {!readOnly && <NewItem people={`${listId}-people`} />}
    </div>
  );
}

/** The action items out to GitHub, GitLab or Jira (the open ones, as each importer reads them) or as a Markdown task list. */
function ExportActionItems() {
  const snapshot = useIncidents((s) => s.snapshot);
  if (!snapshot) return null;
  return (
    <div className="pm-items-tools">
      <MenuButton
        label="Export action items"
        choices={ACTION_ITEM_EXPORTS.map((f) => ({ label: f.short, what: f.what, problem: exportProblem(f.format, snapshot), run: () => void saveExport(f.format, snapshot) }))}
      />
    </div>
  );
}

/** Commits a field on Enter and on leaving it; Escape puts back what is stored. */
function commitKeys(commit: () => void, reset: () => void) {
  return (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      reset();
      event.currentTarget.blur();
    }
  };
}

function ActionItemRow({ item, index, readOnly, people }: { item: ActionItemFact; index: number; readOnly: boolean; people: string }) {
  const id = `pm-item-${item.id}`;
  const [text, setText] = useState(item.text);
  const [owner, setOwner] = useState(item.owner);
  const [editing, setEditing] = useState(false);
  // Someone else's change shows, unless this person is in the middle of their own.
  useEffect(() => {
    if (!editing) {
      setText(item.text);
      setOwner(item.owner);
    }
  }, [item.text, item.owner, editing]);
  const warnings = lintActionItem({ text, owner });
  const commit = () => {
    setEditing(false);
    if (text.trim() === item.text && owner.trim() === item.owner) return;
    if (!attempt(() => commands.updateActionItem({ id: item.id, text, owner }))) {
      setText(item.text);
      setOwner(item.owner);
    }
  };
  const reset = () => {
    setEditing(false);
    setText(item.text);
    setOwner(item.owner);
  };
  return (
    <li className={`pm-item${item.done ? ' done' : ''}${readOnly ? ' read-only' : ''}`}>
      {/* Read-only, the item reads as text (see postmortem.css): a mark for done, the text and owner selectable, the date as a date. */}
      <div className="pm-item-row">
        {readOnly ? (
          <span className={`pm-item-mark${item.done ? ' done' : ''}`} role="img" aria-label={item.done ? `Action item ${index} done` : `Action item ${index} open`}>
            {item.done ? '✓' : '–'}
          </span>
        ) : (
          <input
            type="checkbox"
            checked={item.done}
            aria-label={`Action item ${index} done`}
            onChange={(e) => attempt(() => commands.updateActionItem({ id: item.id, done: e.target.checked }))}
          />
        )}
        <input
          id={id}
          className="pm-item-text"
          value={text}
          readOnly={readOnly}
          maxLength={MAX_ACTION_ITEM_TEXT}
          aria-label={`Action item ${index}`}
          aria-describedby={`${id}-lint`}
          onFocus={() => setEditing(true)}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={commitKeys(commit, reset)}
        />
        <input
          className="pm-item-owner"
          value={owner}
          readOnly={readOnly}
          list={people}
          maxLength={80}
          placeholder={readOnly ? 'No owner' : 'One person'}
          aria-label={`Owner of action item ${index}`}
          onFocus={() => setEditing(true)}
          onChange={(e) => setOwner(e.target.value)}
          onBlur={commit}
          onKeyDown={commitKeys(commit, reset)}
        />
        {readOnly ? (
          <span className="pm-item-due">{item.dueDate ? `due ${formatYmd(item.dueDate)}` : <span className="muted">no due date</span>}</span>
        ) : (
          <>
            <input
              type="date"
              className="pm-item-due"
              value={item.dueDate ?? ''}
              aria-label={`Due date of action item ${index}`}
              onChange={(e) => attempt(() => commands.updateActionItem({ id: item.id, dueDate: e.target.value || null }))}
            />
            <button type="button" aria-label={`Remove action item ${index}`} onClick={() => attempt(() => commands.removeActionItem(item.id))}>
              Remove
            </button>
          </>
        )}
      </div>
      {item.sourceId && <p className="muted pm-item-source">From a follow-up logged in the timeline.</p>}
      <WarningList warnings={warnings} fieldId={id} id={`${id}-lint`} label="Action item" clean="Action item: a verb first, specific, bounded, one owner." />
    </li>
  );
}

function NewItem({ people }: { people: string }) {
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const { refusal, tryCommand } = useRefusal();
  const add = () => {
    if (!tryCommand(() => commands.addActionItem({ text, owner }))) return;
    setText('');
    setOwner('');
    addNotice('info', 'Action item added.');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      add();
    }
  };
  return (
    <div className="pm-new-item">
      <input value={text} maxLength={MAX_ACTION_ITEM_TEXT} aria-label="New action item" placeholder="Start with a verb: Add…, Document…, Remove…" onChange={(e) => setText(e.target.value)} onKeyDown={onKeyDown} />
      <input value={owner} maxLength={80} list={people} aria-label="Owner of the new action item" placeholder="One person" onChange={(e) => setOwner(e.target.value)} onKeyDown={onKeyDown} />
      <button type="button" onClick={add}>
        Add action item
      </button>
      <FormError message={refusal} />
    </div>
  );
}
