import { describe, expect, it } from 'vitest';
import { editEntry, editStatusText, logEvent, projectionOf, strikeEntry, type IncidentSnapshot } from '../../../src/shared/incident';
import { setEntryGate } from '../../../src/shared/incident/entry-gate';
import { addActionItem, removeActionItem } from '../../../src/shared/incident/postmortem-commands';
import { searchDocChanges, searchDocsOf } from '../../../src/shared/report/search-docs';
import { declaredIncident } from '../harness/incident';

const texts = (snapshot: IncidentSnapshot) => Object.fromEntries(searchDocsOf(snapshot).map((d) => [d.id.slice(d.incidentId.length + 1), d.text]));

describe('what search across incidents finds of an incident', () => {
  it('is its name and synopsis, every entry as it reads now, the status document and the action items', () => {
    const { doc, ctx } = declaredIncident('Ada');
    const note = logEvent(doc, { kind: 'note', text: 'Replica lag at 40 s' }, ctx);
    const wrong = logEvent(doc, { kind: 'decision', text: 'Fail over to the standby' }, ctx);
    editEntry(doc, { eventId: note.id, text: 'Replica lag at 45 s on db-2' }, ctx);
    strikeEntry(doc, { eventId: wrong.id, reason: 'Logged in the wrong incident' }, ctx);
    editStatusText(doc, { field: 'summary', index: 0, remove: 0, insert: 'Writes failing for EU customers' }, ctx);
    const item = addActionItem(doc, { text: 'Add an alert on replica lag above 30 s', owner: 'Bo', dueDate: null }, ctx);

    const snapshot = projectionOf(doc).snapshot;
    const docs = searchDocsOf(snapshot);
    expect(texts(snapshot)).toMatchObject({
      'incident/': '26-Bravo\nPrimary database down',
      [`entry/${note.id}`]: 'Replica lag at 45 s on db-2',
      [`entry/${wrong.id}`]: 'Fail over to the standby',
      'status/summary': 'Writes failing for EU customers',
      [`action-item/${item.id}`]: 'Add an alert on replica lag above 30 s',
    });
    expect(docs.find((d) => d.key === wrong.id)).toMatchObject({ struck: true, label: 'Decision', who: 'Ada' });
    // Amendments change entries; they are not found themselves.
    expect(docs.filter((d) => d.place === 'entry')).toHaveLength(snapshot.timeline.length - snapshot.amendmentCount);
  });

  it('leaves out what a signed incident withholds', () => {
    const { doc, ctx } = declaredIncident('Ada');
    const forged = logEvent(doc, { kind: 'note', text: 'Stand down all responders' }, ctx);
    setEntryGate(doc, { admits: (entry) => entry.id !== forged.id, subscribe: () => () => undefined });
    const docs = searchDocsOf(projectionOf(doc).snapshot);
    expect(docs.some((d) => d.text.includes('Stand down'))).toBe(false);
    expect(docs.some((d) => d.place === 'entry')).toBe(true);
  });

  it('changes one document for an entry added, edited or struck, whatever the incident’s size', () => {
    const { doc, ctx } = declaredIncident('Ada');
    for (let i = 0; i < 500; i++) logEvent(doc, { kind: 'note', text: `Check ${i}` }, ctx);
    const projection = projectionOf(doc);
    const before = projection.snapshot;
    const entry = logEvent(doc, { kind: 'action', text: 'Restarted the pooler' }, ctx);
    const added = searchDocChanges(before, projection.snapshot)!;
    expect(added.put.map((d) => d.text)).toEqual(['Restarted the pooler']);
    expect(added.removed).toEqual([]);

    const edited = projection.snapshot;
    editEntry(doc, { eventId: entry.id, text: 'Restarted the pooler on db-2' }, ctx);
    expect(searchDocChanges(edited, projection.snapshot)!.put.map((d) => [d.key, d.text])).toEqual([[entry.id, 'Restarted the pooler on db-2']]);
  });

  it('drops an action item taken off the list, and rewrites the status when it changes', () => {
    const { doc, ctx } = declaredIncident('Ada');
    const item = addActionItem(doc, { text: 'Add a runbook step for failover', owner: 'Bo', dueDate: null }, ctx);
    const projection = projectionOf(doc);
    const before = projection.snapshot;
    removeActionItem(doc, item.id, ctx);
    editStatusText(doc, { field: 'impact', index: 0, remove: 0, insert: 'EU checkouts' }, ctx);
    const changes = searchDocChanges(before, projection.snapshot)!;
    expect(changes.removed).toEqual([`incident-1/action-item/${item.id}`]);
    expect(changes.put.map((d) => d.id)).toContain('incident-1/status/impact');
  });
});
