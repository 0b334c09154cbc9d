import { useRef, type KeyboardEvent } from 'react';
import { useUi } from '../../stores/ui';
import { incidentTabs, panelId, tabId } from './tabs';

/**
 * The incident's views as tabs (ARIA tabs pattern: arrow keys move between
 * them, Alt+<letter> shows one from anywhere, see useAppKeys).
 */
export function IncidentTabs({ scripted }: { scripted: boolean }) {
  const current = useUi((s) => s.incidentTab);
  const INCIDENT_TABS = incidentTabs(scripted);
  const refs = useRef<Array<HTMLButtonElement | null>>([]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = INCIDENT_TABS.findIndex((t) => t.id === current);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const target = event.key === 'Home' ? 0 : event.key === 'End' ? INCIDENT_TABS.length - 1 : step ? (index + step + INCIDENT_TABS.length) % INCIDENT_TABS.length : -1;
    if (target < 0) return;
    event.preventDefault();
    useUi.getState().showIncidentTab(INCIDENT_TABS[target]!.id);
    refs.current[target]?.focus();
  }

  return (
    <div className="incident-tabs" role="tablist" aria-label="Incident views" onKeyDown={onKeyDown}>
      {INCIDENT_TABS.map((tab, i) => {
        const selected = tab.id === current;
        return (
          <button
            key={tab.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            id={tabId(tab.id)}
            role="tab"
            aria-selected={selected}
            // Only the shown view is rendered, so only its tab controls a panel.
            aria-controls={selected ? panelId(tab.id) : undefined}
            aria-keyshortcuts={`Alt+${tab.key}`}
            tabIndex={selected ? 0 : -1}
            className={selected ? 'selected' : undefined}
            onClick={() => useUi.getState().showIncidentTab(tab.id)}
          >
            {tab.label} <kbd aria-hidden="true">Alt+{tab.key}</kbd>
          </button>
        );
      })}
    </div>
  );
}
