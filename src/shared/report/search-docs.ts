/**
 * What search across incidents finds, as documents: each timeline entry
 * (with its current text, once edited), the incident's name and synopsis,
 * the status document's fields, the postmortem's sections and its action
 * items. Made from the projection's snapshot, so a signed incident's
 * withheld entries are never among them, and kept beside the incident
 * (renderer/incidents/search-docs-writer.ts) for the search worker to index.
 *
 * An entry added to the timeline changes one document, whatever the
 * incident's size: `searchDocChanges` reads what the timeline added since
 * the last snapshot written, and recomputes only the few documents outside
 * the timeline, when their part of the snapshot changed.
 */
import type { IncidentSnapshot } from '../incident/projection';
import { EVENT_KIND_LABELS } from '../incident/kinds';
import { creditOf, type TimelineEvent } from '../incident/schema';
import { STATUS_FIELD_LABELS, STATUS_TEXT_FIELDS } from '../incident/status-schema';
import { POSTMORTEM_SECTIONS } from '../incident/postmortem-schema';
import { sectionTitle } from './postmortem-layouts';

/** Raised when documents gain or change a field, so every incident's are written again once. */
export const SEARCH_DOCS_VERSION = 1;

/** Where in an incident a document comes from: what opening a result shows. */
export type SearchPlace = 'incident' | 'entry' | 'status' | 'postmortem' | 'action-item';

export interface SearchDoc {
  /** `${incidentId}/${place}/${key}`: unique across incidents. */
  readonly id: string;
  readonly incidentId: string;
  readonly place: SearchPlace;
  /** The entry's or action item's id, the status field, the postmortem section; empty for the incident itself. */
  readonly key: string;
  /** What it is, in the app's words: "Decision", "Summary", "What happened", "Action item". */
  readonly label: string;
  readonly text: string;
  /** Whom it is by or for (an entry's credited person, an action item's owner); empty when nobody. */
  readonly who: string;
  readonly at: number;
  /** An entry struck through: found, and shown as struck. */
  readonly struck: boolean;
}

const docId = (incidentId: string, place: SearchPlace, key: string) => `${incidentId}/${place}/${key}`;

function entryDoc(snapshot: IncidentSnapshot, event: TimelineEvent): SearchDoc {
  const amended = snapshot.amendments.get(event.id);
  const text = event.kind === 'update' ? `${event.text}\n${event.body}` : (amended?.text ?? event.text);
  return {
    id: docId(snapshot.incidentId, 'entry', event.id),
    incidentId: snapshot.incidentId,
    place: 'entry',
    key: event.id,
    label: EVENT_KIND_LABELS[event.kind],
    text,
    who: creditOf(event),
    at: event.at,
    struck: !!amended?.struck,
  };
}

/** Everything outside the timeline: a handful of documents, recomputed whenever their part of the snapshot changes. */
function outsideDocs(snapshot: IncidentSnapshot): SearchDoc[] {
  const header = snapshot.header;
  if (!header) return [];
  const id = snapshot.incidentId;
  const doc = (place: SearchPlace, key: string, label: string, text: string, who: string, at: number): SearchDoc => ({
    id: docId(id, place, key),
    incidentId: id,
    place,
    key,
    label,
    text,
    who,
    at,
    struck: false,
  });
  const docs = [doc('incident', '', header.drill ? 'Drill' : 'Incident', `${header.name}\n${header.synopsis}`, header.declaredBy, header.declaredAt)];
  const status = snapshot.status;
  for (const field of STATUS_TEXT_FIELDS) {
    const text = status[field].text.trim();
    if (text) docs.push(doc('status', field, STATUS_FIELD_LABELS[field], text, status.editedBy ?? '', status.editedAt ?? header.declaredAt));
  }
  const pm = snapshot.postmortem;
  for (const section of POSTMORTEM_SECTIONS) {
    const text = pm.sections[section].text.trim();
    if (text) docs.push(doc('postmortem', section, sectionTitle(pm.layout, section), text, pm.owner ?? '', pm.editedAt ?? pm.startedAt ?? header.declaredAt));
  }
  for (const item of pm.actionItems) {
    if (!item.removed) docs.push(doc('action-item', item.id, item.done ? 'Action item (done)' : 'Action item', item.text, item.owner, item.createdAt));
  }
  return docs;
}

export function searchDocsOf(snapshot: IncidentSnapshot): SearchDoc[] {
  if (!snapshot.header) return [];
  const entries: SearchDoc[] = [];
  for (const event of snapshot.timeline) if (event.kind !== 'amend') entries.push(entryDoc(snapshot, event));
  return [...outsideDocs(snapshot), ...entries];
}

export interface SearchDocChanges {
  readonly put: readonly SearchDoc[];
  readonly removed: readonly string[];
}

/**
 * What changed between two snapshots of one incident, or null when only a
 * full rewrite can say (the timeline was rebuilt rather than added to: a
 * trust revocation, a doc replaced).
 */
export function searchDocChanges(previous: IncidentSnapshot, next: IncidentSnapshot): SearchDocChanges | null {
  if (!previous.header || !next.header) return null;
  const added = next.timeline.changesSince(previous.timeline);
  if (!added) return null;
  const put = new Map<string, SearchDoc>();
  for (const event of added.added) {
    // An edit or strike changes the entry it names; one not here (yet) has nothing to change.
    const target = event.kind === 'amend' ? next.timeline.find((e) => e.id === event.target && e.kind !== 'amend') : event;
    if (!target) continue;
    const doc = entryDoc(next, target);
    put.set(doc.id, doc);
  }
  const removed: string[] = [];
  if (previous.header !== next.header || previous.status !== next.status || previous.postmortem !== next.postmortem) {
    const before = new Set(outsideDocs(previous).map((d) => d.id));
    for (const doc of outsideDocs(next)) {
      put.set(doc.id, doc);
      before.delete(doc.id);
    }
    removed.push(...before);
  }
  return { put: [...put.values()], removed };
}
