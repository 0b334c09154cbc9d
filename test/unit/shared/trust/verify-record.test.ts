import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { declareEnd, encodeIncidentFile, logEvent, projectionOf } from '../../../../src/shared/incident';
import { postmortemJson } from '../../../../src/shared/report/postmortem-json';
import { checkRecordText, recordCheckLines } from '../../../../src/shared/report/verify-record';
import { recordFingerprint } from '../../../../src/shared/trust/fingerprint';
import { T0 } from '../../harness/context';
import { declareSigned, join, person } from '../../harness/signed';

async function signedRecord() {
  const ic = await declareSigned(await person('Sue Park'));
  const chris = await join(ic, await person('Chris Lee'));
  logEvent(ic.doc, { kind: 'decision', text: 'Fail over to the replica' }, ic.ctx);
  logEvent(ic.doc, { kind: 'note', text: 'Replica promoted at 03:14' }, ic.ctx);
  await ic.settle();
  declareEnd(ic.doc, {}, ic.ctx);
  await ic.settle();
  return { ic, chris };
}

describe('checking an exported record with no app', () => {
  it('verifies every entry of a postmortem file and prints the fingerprint the app shows', async () => {
    const { ic } = await signedRecord();
    const text = postmortemJson(ic.doc, { exportedAt: T0, exportedBy: 'Sue Park' }, { snapshot: projectionOf(ic.doc).snapshot });
    const check = await checkRecordText(text);
    expect(check).toMatchObject({ ok: true, readable: true, kind: 'postmortem file', mode: 'signed' });
    const fingerprint = recordFingerprint(ic.gate.report!);
    expect(fingerprint).toMatch(/^[A-Z0-9X]{4}(-[A-Z0-9X]{4}){3}$/);
    expect(check.readable && check.fingerprint).toBe(fingerprint);
    const lines = recordCheckLines(check);
    expect(lines.filter((l) => l.startsWith('verified'))).toHaveLength(4);
    expect(lines.at(-1)).toBe(`All 4 entries verified. Record fingerprint: ${fingerprint}`);
    expect(lines).toContain(`  Chris Lee [${chris(check)}] responder, Chris Lee's laptop`);
  });

  it('names the entry when one character of it is changed in the file', async () => {
    const { ic } = await signedRecord();
    const text = postmortemJson(ic.doc, { exportedAt: T0, exportedBy: 'Sue Park' }, { snapshot: projectionOf(ic.doc).snapshot });
    // One character of the entry as the record keeps it (the report part above it is derived, and ignored).
    const record = text.indexOf('"record"');
    const tampered = text.slice(0, record) + text.slice(record).replace('"text": "Replica promoted at 03:14"', '"text": "Replica promoted at 03:15"');
    expect(tampered).not.toBe(text);
    const check = await checkRecordText(tampered);
    expect(check.ok).toBe(false);
    const bad = recordCheckLines(check).filter((l) => l.startsWith('UNVERIFIED'));
    // The changed entry, and the one its author signed next, whose chain named the entry as it was.
    expect(bad).toHaveLength(2);
    expect(bad[1]).toMatch(/Ended {2}Sue Park .*an earlier entry by the same author is missing or was changed\)$/);
    expect(bad[0]).toMatch(/Note {2}Sue Park: Replica promoted at 03:15 {2}\(entry .+: it was changed after it was signed, or its signature is forged\)$/);
  });

  it('names the entry changed inside an incident file, and refuses a damaged one', async () => {
    const { ic } = await signedRecord();
    const copy = new Y.Doc({ guid: ic.doc.guid });
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(ic.doc));
    const good = await checkRecordText(encodeIncidentFile(copy, { exportedAt: T0, exportedBy: 'Sue Park' }));
    expect(good.ok).toBe(true);

    const damaged = encodeIncidentFile(copy, { exportedAt: T0, exportedBy: 'Sue Park' }).replace(/"update": "(.)/, (_, c: string) => `"update": "${c === 'A' ? 'B' : 'A'}`);
    const unreadable = await checkRecordText(damaged);
    expect(unreadable).toMatchObject({ ok: false, readable: false });
    expect(recordCheckLines(unreadable)[0]).toMatch(/^UNREADABLE {2}This incident file is damaged/);
  });
});

function chris(check: Awaited<ReturnType<typeof checkRecordText>>): string {
  if (!check.readable) return '';
  const member = check.members.find((m) => m.name === 'Chris Lee')!;
  return `${member.key.slice(0, 4)}-${member.key.slice(4, 8)}`;
}
