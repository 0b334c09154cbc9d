import { useId, useState } from 'react';
import type { IncidentHeader } from '../../../shared/incident';
import { STATUS_PHASE_LABELS } from '../../../shared/incident/status-schema';
import { timerState } from '../../../shared/views/timer-state';
import { SeverityBadge } from '../../components/SeverityBadge';
import { formatElapsed } from '../../components/format';
import { useNow } from '../../components/useNow';
import type { CatalogEntry } from '../../incidents/db';
import { useIncidents } from '../../stores/incident';
import { addNotice } from '../../stores/notices';

/**
 * Simultaneous incidents in the status document: the umbrella response
 * this incident reports to, or, for an umbrella, the incidents under it
 * with their severity, phase, IC and next update as they stand (read live
 * from each one's catalog row, which every save rewrites); and the links
 * themselves, made and undone by the IC here (incidents/links.ts writes
 * both timelines).
 */
export function UmbrellaBox({ header, canLink }: { header: IncidentHeader; canLink: boolean }) {
  const catalog = useIncidents((s) => s.catalog) ?? [];
  const byId = new Map(catalog.map((c) => [c.id, c]));
  const children = header.children ?? [];
  return (
    <section className="status-box umbrella-box" aria-label="Umbrella response">
      <h3>{children.length ? 'Incidents under this response' : 'Umbrella response'}</h3>
      {header.umbrella && (
        <p>
          Part of the umbrella response <a href={`#/incident/${header.umbrella.id}`}>{byId.get(header.umbrella.id)?.name ?? header.umbrella.name}</a>, which coordinates it; this incident&apos;s Liaison
          reports there.
          {byId.get(header.umbrella.id) && !byId.get(header.umbrella.id)!.children?.some((c) => c.id === header.id) && <span className="muted"> Its IC has not confirmed yet.</span>}{' '}
          {canLink && (
            <button type="button" className="link-button" onClick={() => void link(header.id, header.umbrella!.id, false)}>
              Unlink
            </button>
          )}
        </p>
      )}
      {children.length > 0 && (
        <table className="umbrella-children">
          <thead>
            <tr>
              <th scope="col">Incident</th>
              <th scope="col">Severity</th>
              <th scope="col">Phase</th>
              <th scope="col">IC</th>
              <th scope="col">Next update</th>
              {canLink && <th scope="col">
                <span className="sr-only">Link</span>
              </th>}
            </tr>
          </thead>
          <tbody>
            {children.map((child) => (
              <ChildRow key={child.id} name={child.name} id={child.id} row={byId.get(child.id)} umbrellaId={header.id} onUnlink={canLink ? () => void link(child.id, header.id, false) : null} />
            ))}
          </tbody>
        </table>
      )}
      {!header.umbrella && !children.length && <p className="muted">Not linked to other incidents.</p>}
      {canLink && header.state === 'active' && <LinkForm header={header} catalog={catalog} />}
    </section>
  );
}

function ChildRow({ id, name, row, umbrellaId, onUnlink }: { id: string; name: string; row: CatalogEntry | undefined; umbrellaId: string; onUnlink: (() => void) | null }) {
  const now = useNow();
  const due = row?.nextUpdateAt ?? null;
  const state = due === null ? null : timerState(due, now);
  return (
    <tr>
      <th scope="row">
        <a href={`#/incident/${id}`}>{row?.name ?? name}</a>
        {row && row.umbrella?.id !== umbrellaId && <span className="muted umbrella-pending"> · its IC has not confirmed yet</span>}
      </th>
      {row ? (
        <>
          <td>
            <SeverityBadge severity={row.severity} />
          </td>
          <td>{row.state === 'ended' ? 'Ended' : row.phase ? STATUS_PHASE_LABELS[row.phase] : '–'}</td>
          <td>{row.commander ?? '–'}</td>
          <td className={state ? `next-update update-${state}` : undefined} data-state={state ?? undefined}>
            {due === null ? '–' : state === 'overdue' ? `overdue by ${formatElapsed(now - due)}` : `in ${formatElapsed(due - now)}`}
          </td>
        </>
      ) : (
        <td colSpan={4} className="muted">
          Not on this machine: join it to see it here.
        </td>
      )}
      {onUnlink && (
        <td>
          <button type="button" className="link-button" onClick={onUnlink} aria-label={`Unlink ${row?.name ?? name}`}>
            Unlink
          </button>
        </td>
      )}
    </tr>
  );
}

/** Links this incident under an umbrella, or another incident under this one, picked from the active incidents here. */
function LinkForm({ header, catalog }: { header: IncidentHeader; catalog: readonly CatalogEntry[] }) {
  const id = useId();
  const [picked, setPicked] = useState('');
  const candidates = catalog.filter((c) => c.id !== header.id && c.state === 'active' && !c.drill === !header.drill);
  // An umbrella takes incidents under it; an incident under one is linked no further.
  const canTakeChildren = !header.umbrella;
  const canGoUnder = !header.umbrella && !header.children?.length;
  if (!candidates.length || (!canTakeChildren && !canGoUnder)) return null;
  // An incident already naming this one as its umbrella is offered too: linking it here confirms that.
  const mayGoUnderThis = (c: CatalogEntry) => !c.children?.length && (!c.umbrella || c.umbrella.id === header.id) && !header.children?.some((k) => k.id === c.id);
  const options = candidates.filter((c) => (canGoUnder && !c.umbrella) || (canTakeChildren && mayGoUnderThis(c)));
  if (!options.length) return null;
  const [direction, otherId] = picked.split(':') as ['under' | 'over' | '', string | undefined];
  return (
    <form
      className="umbrella-link"
      onSubmit={(e) => {
        e.preventDefault();
        if (!otherId) return;
        void (direction === 'under' ? link(header.id, otherId, true) : link(otherId, header.id, true)).then((ok) => ok && setPicked(''));
      }}
    >
      <label htmlFor={`${id}-pick`}>Link</label>
      <select id={`${id}-pick`} value={picked} onChange={(e) => setPicked(e.target.value)}>
        <option value="">Choose an incident…</option>
        {canTakeChildren && (
          <optgroup label="Under this response">
            {options
              .filter(mayGoUnderThis)
              .map((c) => (
                <option key={`over:${c.id}`} value={`over:${c.id}`}>
                  {c.name} ({c.severity}) under this one
                </option>
              ))}
          </optgroup>
        )}
        {canGoUnder && (
          <optgroup label="As this incident's umbrella">
            {options
              .filter((c) => !c.umbrella)
              .map((c) => (
                <option key={`under:${c.id}`} value={`under:${c.id}`}>
                  this one under {c.name} ({c.severity})
                </option>
              ))}
          </optgroup>
        )}
      </select>
      <button type="submit" disabled={!otherId}>
        Link
      </button>
    </form>
  );
}

async function link(childId: string, umbrellaId: string, linked: boolean): Promise<boolean> {
  try {
    const { linkUnderUmbrella } = await import('../../incidents/links');
    const outcome = await linkUnderUmbrella(childId, umbrellaId, linked);
    const done = `${linked ? 'Linked' : 'Unlinked'}: logged in ${outcome.written.join(' and ')}.`;
    const waiting = outcome.waiting.map((w) => ` ${w.incident}'s IC confirms it from there (${w.incident}, Status tab): ${w.why}`).join('');
    addNotice(waiting ? 'warning' : 'info', done + waiting);
    return true;
  } catch (error) {
    addNotice('error', error instanceof Error ? error.message : String(error));
    return false;
  }
}
