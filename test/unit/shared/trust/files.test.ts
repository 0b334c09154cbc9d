import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  createIncidentDoc,
  decodeIncidentFile,
  editStatusText,
  encodeIncidentFile,
  logEvent,
  metaOf,
  timelineOf,
  type IncidentFile,
  type TimelineEvent,
} from '../../../../src/shared/incident';
import { checkIncidentFile, signFile } from '../../../../src/shared/trust/files';
import { sealsOf, statementsOf } from '../../../../src/shared/trust/doc';
import { T0 } from '../../harness/context';
import { declareSigned, deliver, join, person, type Machine } from '../../harness/signed';

async function exported(m: Machine, doc: Y.Doc = m.doc, signer = m.who.signer): Promise<{ file: IncidentFile; text: string }> {
  const update = Y.encodeStateAsUpdate(doc);
  const exportedAt = new Date(T0).toISOString();
  const signature = await signFile(signer, doc.guid, exportedAt, update);
  const text = encodeIncidentFile(doc, { exportedAt: T0, exportedBy: m.who.name, update, signature });
  const decoded = decodeIncidentFile(text);
  if (!decoded.ok) throw new Error(decoded.message);
  return { file: decoded.file, text };
}

/** A copy of `m`'s doc, rebuilt entry by entry, with `change` applied to the entries. */
function rebuilt(m: Machine, change: (entries: TimelineEvent[]) => TimelineEvent[]): Y.Doc {
  const doc = createIncidentDoc(m.doc.guid);
  doc.transact(() => {
    for (const [k, v] of metaOf(m.doc).entries()) metaOf(doc).set(k, v);
    statementsOf(doc).push(statementsOf(m.doc).toArray());
    sealsOf(doc).push(sealsOf(m.doc).toArray());
    timelineOf(doc).push(change(timelineOf(m.doc).toArray().map((e) => ({ ...e }))));
  });
  return doc;
}

describe('an incident file of a signed incident', () => {
  it('merges when every entry verifies, and says nothing changed outside the timeline', async () => {
    const ic = await declareSigned(await person('Sue Park'));
    logEvent(ic.doc, { kind: 'note', text: 'Paged the DBA' }, ic.ctx);
    await ic.settle();
    const { file } = await exported(ic);
    const check = await checkIncidentFile(createIncidentDoc(ic.doc.guid), file, file.signature);
    expect(check).toMatchObject({ ok: true, changes: [] });
  });

  it('refuses the forged file: a renamed declaration at SEV-5 and an order to stand down', async () => {
    const ic = await declareSigned(await person('Sue Park'));
    logEvent(ic.doc, { kind: 'decision', text: 'Fail over to the replica' }, ic.ctx);
    await ic.settle();
    const forged = rebuilt(ic, (entries) => [
      ...entries.map((e) => (e.kind === 'declared' ? { ...e, name: 'Nothing-To-See', severity: 'SEV-5' as const, text: 'Nothing-To-See declared at SEV-5' } : e)),
      { id: 'forged', kind: 'decision', at: T0 + 60_000, loggedAt: T0 + 60_000, author: 'Sue Park', text: 'IC decided: stand down all responders' } as TimelineEvent,
    ]);
    const { file } = await exported(ic, forged);
    expect(file.name).toBe('Nothing-To-See');
    const check = await checkIncidentFile(ic.doc, file, file.signature);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.message).toMatch(/declaration of the incident \(Nothing-To-See declared at SEV-5\) fails its check: it was changed after it was signed/);
    expect(!check.ok && check.message).toMatch(/Nothing was imported\.$/);
  });

  it('names an entry that is not signed, and one whose earlier entries were dropped', async () => {
    const ic = await declareSigned(await person('Sue Park'));
    for (const text of ['one', 'two', 'three']) logEvent(ic.doc, { kind: 'note', text }, ic.ctx);
    await ic.settle();
    const added = rebuilt(ic, (entries) => [...entries, { id: 'x', kind: 'note', at: T0, loggedAt: T0, author: 'Sue Park', text: 'Stand down' } as TimelineEvent]);
    const first = await checkIncidentFile(ic.doc, (await exported(ic, added)).file, null);
    expect(!first.ok && first.message).toMatch(/^An entry in this file fails verification: “Stand down” \(Note, 09:30 UTC, by Sue Park\): it is not signed\./);

    const dropped = rebuilt(ic, (entries) => entries.filter((e) => e.text !== 'two'));
    const second = await checkIncidentFile(ic.doc, (await exported(ic, dropped)).file, null);
    expect(!second.ok && second.message).toMatch(/“three” .*: an earlier entry by the same author is missing or was changed/);
  });

  it('refuses a file that changes the status document unless a responder exported it, and says what a responder’s changed', async () => {
    const ic = await declareSigned(await person('Sue Park'));
    const exec = await join(ic, await person('Pat Exec'), 'observer');
    const chris = await join(ic, await person('Chris Lee'));
    await deliver(ic, exec);
    editStatusText(exec.doc, { field: 'summary', index: 0, remove: 0, insert: 'All clear, nothing to see' }, exec.ctx);
    const fromObserver = await exported(exec);
    const refused = await checkIncidentFile(ic.doc, fromObserver.file, fromObserver.file.signature);
    expect(!refused.ok && refused.message).toBe(
      'This file changes the incident’s status document, but it was exported by Pat Exec, an observer, and only a responder’s file may change them. Nothing was imported.',
    );
    const unsigned = await checkIncidentFile(ic.doc, fromObserver.file, null);
    expect(!unsigned.ok && unsigned.message).toMatch(/it is not signed by whoever exported it/);

    await deliver(ic, chris);
    chris.ctx.advance(12 * 60_000);
    editStatusText(chris.doc, { field: 'summary', index: 0, remove: 0, insert: 'Replica promoted; writes back' }, chris.ctx);
    const fromResponder = await exported(chris);
    const accepted = await checkIncidentFile(ic.doc, fromResponder.file, fromResponder.file.signature);
    expect(accepted).toMatchObject({ ok: true, changes: ['Status summary changed by Chris Lee at 09:42 UTC'] });
  });
});
