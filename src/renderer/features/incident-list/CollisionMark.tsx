import type { CatalogEntry } from '../../incidents/db';
import { declaredPhrase, renameIncidentFromList } from './collisions';
import './collision-mark.css';

/**
 * On an incident of the list whose name another incident here shares: which
 * other one (when and by whom it was declared), and a way to rename this
 * one. Above the row's link, so the button is its own target.
 */
export function CollisionMark({ entry, others }: { entry: CatalogEntry; others: readonly CatalogEntry[] }) {
  return (
    <span className="collision-mark">
      <span className="pill collision">Same name as another incident</span>
      <span className="collision-others">{others.map((o) => `Also ${o.name}: ${declaredPhrase(o)}`).join('; ')}</span>
      <button type="button" className="collision-rename" aria-label={`Rename this one…: ${entry.name}, ${declaredPhrase(entry)}`} onClick={() => renameIncidentFromList(entry.id)}>
        Rename this one…
      </button>
    </span>
  );
}

/** "formerly 26-Alfa": an incident stays findable by the names said on the call before a rename. */
export function FormerNames({ names }: { names: readonly string[] }) {
  return <span className="former-names muted">formerly {names.join(', ')}</span>;
}
