import { Command } from 'cmdk';
import { useMemo, useState } from 'react';
import { Modal } from '../../components/Modal';
import { useIdentity } from '../../incidents/identity-store';
import { useAttribution } from '../../stores/attribution';
import { useIncidents } from '../../stores/incident';
import { useUi } from '../../stores/ui';
import { attributionChoices, type AttributionChoice } from './choices';
import type { Attribution } from '../../../shared/incident/commands';
import '../palette/palette.css';

/**
 * Alt+A: whom the entries that follow are for. The Scribe types for the
 * IC, a lead, whoever speaks: pick a role (its holder now), a person on
 * duty, or type a name not on the chart. It stays until changed, and the
 * entry line says it. Built on cmdk like the command palette.
 */
export function AttributionPicker() {
  const route = useUi((s) => s.route);
  const incidentId = route.view === 'incident' ? route.id : null;
  const chart = useIncidents((s) => s.snapshot?.org ?? null);
  const me = useIdentity((s) => s.name);
  const choices = useMemo(() => attributionChoices(chart, me), [chart, me]);
  const [search, setSearch] = useState('');
  const close = () => useUi.getState().openDialog(null);
  function choose(attribution: Attribution | null) {
    if (incidentId) useAttribution.getState().set(incidentId, attribution);
    close();
    // Back to the line, where the next entry is typed for them.
    setTimeout(() => useUi.getState().requestQuickEntryFocus(), 0);
  }
  // Filtered here rather than by cmdk's ranking, so a name typed in full still lists the chart's matches first.
  const typed = search.trim();
  const needle = typed.toLowerCase();
  const shown = choices.filter((c) => !needle || [c.label, ...c.keywords].some((k) => k.toLowerCase().includes(needle)));
  const unknown = typed.length > 1 && !choices.some((c) => c.keywords.some((k) => k.toLowerCase() === needle));
  return (
    <Modal title="Log for whom?" onClose={close}>
      <Command label="Log for whom" className="palette" loop shouldFilter={false}>
        <Command.Input className="palette-input" value={search} onValueChange={setSearch} placeholder="A role (ic, tl…), a name, or me" data-autofocus />
        <Command.List className="palette-list" aria-label="People and roles">
          <Command.Empty className="palette-empty">Nobody by that name on the chart.</Command.Empty>
          {shown.map((choice: AttributionChoice) => (
            <Command.Item key={choice.id} value={choice.id} onSelect={() => choose(choice.attribution)}>
              <span className="palette-label">{choice.label}</span>
            </Command.Item>
          ))}
          {unknown && (
            <Command.Item value={`typed:${typed}`} onSelect={() => choose({ person: typed })}>
              <span className="palette-label">{typed} (not on the chart)</span>
            </Command.Item>
          )}
        </Command.List>
      </Command>
      <p className="muted">The entries that follow are theirs, with you as the one who logged them, until you change it here (Alt+A).</p>
    </Modal>
  );
}
