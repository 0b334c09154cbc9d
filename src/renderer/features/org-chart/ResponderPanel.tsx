import { type KeyboardEvent } from 'react';
import { shortcutFor } from '../../components/keys/key-table';
import type { OrgChart } from '../../../shared/incident/org-chart';
import { useNow } from '../../components/useNow';
import { useOrgUi } from '../../stores/org-ui';
import { listStep, ORG_KEY_TABLE } from './keys';
import { panelOrder, type ResponderSections } from './responders';
import { ResponderRow } from './ResponderRow';
import { RotationSetting } from './RotationSetting';
import { useOnlineNames } from './usePresence';

/**
 * Everyone who checked in, by where they are: waiting in staging, assigned,
 * released. Arrow keys move through all three; the single keys act on the
 * selected person.
 */
export function ResponderPanel({ org, sections, readOnly }: { org: OrgChart; sections: ResponderSections; readOnly: boolean }) {
  const selection = useOrgUi((s) => s.selection);
  const now = useNow();
  const online = useOnlineNames();
  const order = panelOrder(sections);
  const selectedId = selection?.type === 'person' && order.includes(selection.id) ? selection.id : null;
  const tabbableId = selectedId ?? order[0] ?? null;
  const titles = new Map(org.roles.map((r) => [r.id, r.title]));

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const item = (event.target as HTMLElement).closest<HTMLElement>('[data-org-item^="person:"]');
    if (!item) return;
    const next = listStep(order, item.dataset.orgItem!.slice(7), event.key);
    if (next === null) return;
    event.preventDefault();
    useOrgUi.getState().select({ type: 'person', id: next }, true);
  }

  const groups = [
    { id: 'staging', title: 'Staging', hint: 'checked in, not yet assigned', people: sections.staging },
    { id: 'assigned', title: 'Assigned', hint: '', people: sections.assigned },
    { id: 'released', title: 'Released', hint: '', people: sections.released },
  ] as const;

  return (
    <aside className="responders" aria-labelledby="responders-title" onKeyDown={onKeyDown}>
      <div className="responders-head">
        <h2 id="responders-title">Responders</h2>
        {!readOnly && (
          <button type="button" className="primary" aria-keyshortcuts={shortcutFor(ORG_KEY_TABLE, 'check-in')} onClick={() => useOrgUi.getState().open({ kind: 'check-in' })}>
            Check in… <kbd aria-hidden="true">c</kbd>
          </button>
        )}
      </div>
      <RotationSetting minutes={org.rotation.minutes} readOnly={readOnly} />
      <div className="responder-sections">
        {groups.map((group) => (
          <section key={group.id} className={`responder-group group-${group.id}`} aria-labelledby={`responders-${group.id}`}>
            <h3 id={`responders-${group.id}`}>
              {group.title} <span className="count">{group.people.length}</span>
              {group.hint && <small className="muted"> {group.hint}</small>}
            </h3>
            {group.people.length === 0 ? (
              <p className="muted empty-group">{group.id === 'staging' ? 'Nobody waiting.' : 'Nobody.'}</p>
            ) : (
              <ul>
                {group.people.map((person) => (
                  <ResponderRow
                    key={person.id}
                    person={person}
                    roleTitles={person.roleIds.map((id) => titles.get(id) ?? '')}
                    selected={selectedId === person.id}
                    tabbable={tabbableId === person.id}
                    online={online ? online.has(person.name.trim().toLowerCase()) : null}
                    rotation={org.rotation}
                    now={now}
                    readOnly={readOnly}
                  />
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
    </aside>
  );
}
