import { useState } from 'react';
import type { CatalogEntry } from '../../incidents/db';
import { incomingProblem } from '../../../shared/views/shift-change';
import { DialogForm } from '../../components/DialogForm';
import { FormFooter } from '../../components/FormFooter';
import { IncidentLine } from './IncidentLine';

export interface Chosen {
  readonly ids: readonly string[];
  readonly incoming: string;
}

/**
 * The first step: which of my active incidents go (all of them unless
 * unticked) and to whom. Focus starts in the name, the one thing to type.
 */
export function ChooseStep({ me, mine, initial, onCancel, onNext }: { me: string; mine: readonly CatalogEntry[]; initial: Chosen | null; onCancel: () => void; onNext: (chosen: Chosen) => void }) {
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set(initial?.ids ?? mine.map((e) => e.id)));
  const [incoming, setIncoming] = useState(initial?.incoming ?? '');
  const [error, setError] = useState<string | null>(null);

  function next() {
    const problem = incomingProblem(incoming, me);
    if (problem) return setError(problem);
    const ids = mine.filter((e) => picked.has(e.id)).map((e) => e.id);
    if (!ids.length) return setError('Tick at least one incident to hand over.');
    onNext({ ids, incoming: incoming.trim() });
  }
  const toggle = (id: string, on: boolean) => {
    const next = new Set(picked);
    if (on) next.add(id);
    else next.delete(id);
    setPicked(next);
  };

  if (!mine.length) {
    // Nothing to hand over: say why, and one way out.
    return (
      <div className="form">
        <p className="notice">
          <span>
            {me.trim()
              ? `You, ${me}, command no active incident on this machine. Each incident’s IC is on its row in the list; the org chart hands over a single role.`
              : 'Give your name in Settings first: the list knows which incidents you command by it.'}
          </span>
        </p>
        <div className="actions">
          <button type="button" className="primary" data-autofocus onClick={onCancel}>
            Close
          </button>
        </div>
      </div>
    );
  }
  return (
    <DialogForm onSubmit={next}>
      <fieldset className="shift-incidents">
        <legend>Active incidents where you, {me}, are the Incident Commander</legend>
        {mine.map((entry) => (
          <label key={entry.id} className="checkbox">
            <input type="checkbox" checked={picked.has(entry.id)} onChange={(e) => toggle(entry.id, e.target.checked)} />
            <IncidentLine name={entry.name} line={{ severity: entry.severity, phase: entry.phase ?? 'investigating', nextUpdateAt: entry.nextUpdateAt ?? null }} />
          </label>
        ))}
      </fieldset>
      <label>
        Incoming Incident Commander
        <input
          type="text"
          value={incoming}
          data-autofocus
          autoComplete="off"
          aria-describedby="shift-incoming-hint"
          onChange={(e) => {
            setIncoming(e.target.value);
            setError(null);
          }}
        />
        <small id="shift-incoming-hint">One person by name. Where they have not checked in yet, they are checked in before command is offered.</small>
      </label>
      <FormFooter error={error} onCancel={onCancel} submit="Draft the briefings" />
    </DialogForm>
  );
}
