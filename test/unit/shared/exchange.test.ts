import CRC32 from 'crc-32';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  IMPORT_ORIGIN,
  INCIDENT_FILE_FORMAT,
  INCIDENT_FILE_VERSION,
  MAX_INCIDENT_FILE_BYTES,
  MAX_EVENT_TEXT,
  SCHEMA_VERSION,
  base64ToBytes,
  bytesToBase64,
  createIncidentDoc,
  declareEnd,
  declareIncident,
  decodeIncidentFile,
  encodeIncidentFile,
  importIncidentFile,
  incidentFileName,
  logEvent,
  metaOf,
  planIncidentImport,
  addRole,
  checkIn,
  tickChecklist,
  IC_ROLE_ID,
  projectIncident,
  timelineOf,
  type DecodeResult,
  type IncidentFile,
  type IncidentFileProblem,
  type TimelineEvent,
} from '../../../src/shared/incident';
import { MAX_SAVED_TEXT_CHARS, SafeFileName } from '../../../src/shared/ipc';
import { MINUTE, T0, testContext } from '../harness/context';
import { Rng } from '../harness/random';

const EXPORT = { exportedAt: T0 + 60 * MINUTE, exportedBy: 'Dana Scully' };

/** A declared incident with `events` notes, on a doc of its own. */
function incident(id = 'inc-1', events = 3, actor = 'Dana Scully') {
  const doc = createIncidentDoc(id);
  const ctx = testContext(actor, T0, `${id}-${actor.split(' ')[0]}`);
  declareIncident(doc, { name: '26-Bravo', severity: 'SEV-2', synopsis: 'Checkout fails for EU customers' }, ctx);
  for (let i = 0; i < events; i++) {
    ctx.advance(MINUTE);
    logEvent(doc, { kind: 'note', text: `note ${i + 1}` }, ctx);
  }
  return { doc, ctx };
}

/** A second machine's copy of `doc`, as if it had imported it. */
function copyOf(doc: Y.Doc): Y.Doc {
  const copy = createIncidentDoc(doc.guid);
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** An envelope around arbitrary update bytes, with a correct checksum unless overridden. */
function envelope(update: Uint8Array, overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    format: INCIDENT_FILE_FORMAT,
    version: INCIDENT_FILE_VERSION,
    incidentId: 'inc-1',
    name: '26-Bravo',
    exportedAt: new Date(EXPORT.exportedAt).toISOString(),
    exportedBy: 'Dana Scully',
    crc32: CRC32.buf(update) >>> 0,
    update: bytesToBase64(update),
    ...overrides,
  });
}

function decoded(text: string): IncidentFile {
  const result = decodeIncidentFile(text);
  if (!result.ok) throw new Error(`expected a valid file, got: ${result.message}`);
  return result.file;
}

function refused(result: DecodeResult, problem: IncidentFileProblem): string {
  expect(result.ok ? 'accepted' : result.problem).toBe(problem);
  return result.ok ? '' : result.message;
}

const idsOf = (doc: Y.Doc) => projectIncident(doc).timeline.map((e) => e.id);

describe('base64', () => {
  it('round-trips every length and byte value', () => {
    const rng = new Rng(7);
    for (let length = 0; length < 40; length++) {
      const bytes = Uint8Array.from({ length }, () => rng.int(256));
      const text = bytesToBase64(bytes);
      expect(text.length % 4).toBe(0);
      expect(base64ToBytes(text)).toEqual(bytes);
    }
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(base64ToBytes(bytesToBase64(all))).toEqual(all);
  });

  it('matches the standard encoding', () => {
    const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
    expect(bytesToBase64(ascii('Man'))).toBe('TWFu');
    expect(bytesToBase64(ascii('Ma'))).toBe('TWE=');
    expect(bytesToBase64(ascii('M'))).toBe('TQ==');
    expect(bytesToBase64(Uint8Array.of(0xfb, 0xff))).toBe('+/8=');
    expect(base64ToBytes('TWFu')).toEqual(ascii('Man'));
  });

  it('encodes large inputs (beyond one call-stack slice)', () => {
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 31) & 0xff);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
  });

  it('refuses anything that is not strict base64', () => {
    for (const bad of ['TWF', 'TW=u', '=TWF', 'TQ===', 'T Fu', 'TWFu\n', 'TWF-', 'TWF_', 'TWFé', '====', 'T\u0157Fu']) {
      expect(base64ToBytes(bad), bad).toBeNull();
    }
  });
});

describe('incidentFileName', () => {
  it('names the file after the incident and the local time of the export', () => {
    const at = new Date(2026, 2, 14, 9, 5).getTime();
    expect(incidentFileName('26-Bravo', at)).toBe('26-Bravo_2026-03-14_0905.cpinc');
  });

  it('makes any incident name a safe file name that main accepts', () => {
    const at = new Date(2026, 0, 2, 3, 4).getTime();
    for (const name of ['../../etc/passwd', 'a/b\\c:d*e?f"g<h>i|j', '...', '   ', 'CON', '\u0000\u001f', 'Störung Zahlungen', 'x'.repeat(500), '.hidden', '']) {
      const fileName = incidentFileName(name, at);
      expect(SafeFileName.safeParse(fileName).success, `${name} -> ${fileName}`).toBe(true);
      expect(fileName).not.toMatch(/[/\\]/);
      expect(fileName.endsWith('.cpinc')).toBe(true);
    }
    expect(incidentFileName('Störung Zahlungen', at)).toBe('Störung-Zahlungen_2026-01-02_0304.cpinc');
    expect(incidentFileName('../..', at)).toBe('incident_2026-01-02_0304.cpinc');
  });

  it('uses the same size cap as the IPC contract', () => {
    expect(MAX_SAVED_TEXT_CHARS).toBe(MAX_INCIDENT_FILE_BYTES);
  });
});

describe('encodeIncidentFile / decodeIncidentFile', () => {
  it('round-trips an incident with its whole timeline', () => {
    const { doc } = incident('inc-1', 5);
    const text = encodeIncidentFile(doc, EXPORT);
    const envelopeFields = JSON.parse(text) as Record<string, unknown>;
    expect(envelopeFields).toMatchObject({
      format: 'command-post-incident',
      version: 1,
      incidentId: 'inc-1',
      name: '26-Bravo',
      exportedAt: new Date(EXPORT.exportedAt).toISOString(),
      exportedBy: 'Dana Scully',
    });
    // Readable: the update comes last, after the fields a person looks for.
    expect(Object.keys(envelopeFields).at(-1)).toBe('update');

    const file = decoded(text);
    expect(file).toMatchObject({ incidentId: 'inc-1', name: '26-Bravo', events: 6, malformedEntries: 0, exportedBy: 'Dana Scully' });
    const copy = createIncidentDoc('inc-1');
    importIncidentFile(copy, file);
    expect(projectIncident(copy)).toEqual(projectIncident(doc));
  });

  it('refuses to export a doc with no declared incident', () => {
    expect(() => encodeIncidentFile(createIncidentDoc('empty'), EXPORT)).toThrow(/declared incident/);
  });

  it('accepts a byte-order mark in front of the JSON', () => {
    const { doc } = incident();
    expect(decodeIncidentFile(`\ufeff${encodeIncidentFile(doc, EXPORT)}`).ok).toBe(true);
  });

  it('refuses a file over the size cap before parsing it', () => {
    const message = refused(decodeIncidentFile(' '.repeat(MAX_INCIDENT_FILE_BYTES + 1)), 'too-large');
    expect(message).toMatch(/at most 64 MB/);
  });

  it('refuses text that is not JSON', () => {
    for (const text of ['', 'hello', '{"format":', '\u0000\u0001binary', 'PK\u0003\u0004']) {
      expect(refused(decodeIncidentFile(text), 'not-json')).toMatch(/not JSON/);
    }
  });

  it('refuses JSON that is not an incident file', () => {
    for (const text of ['null', '42', '"command-post-incident"', '[]', '{}', '{"format":"something-else","version":1}', '{"type":"command-post-incident"}']) {
      expect(refused(decodeIncidentFile(text), 'wrong-format')).toMatch(/not a Command Post incident file/);
    }
  });

  it('refuses a newer file format version, saying to update', () => {
    const { doc } = incident();
    const text = encodeIncidentFile(doc, EXPORT).replace('"version": 1', '"version": 2');
    expect(refused(decodeIncidentFile(text), 'newer-version')).toMatch(/newer version of Command Post \(file format 2; this version reads format 1\)/);
  });

  it('refuses a missing or unknown version', () => {
    const update = Y.encodeStateAsUpdate(incident().doc);
    for (const version of [undefined, 0, -1, 1.5, '1', null]) {
      const message = refused(decodeIncidentFile(envelope(update, { version })), 'unsupported-version');
      expect(message).toMatch(version === undefined ? /no file format version/ : /does not know/);
    }
  });

  it('refuses missing or malformed fields, naming what is wrong', () => {
    const update = Y.encodeStateAsUpdate(incident().doc);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ incidentId: undefined }, /the incident id is missing/],
      [{ incidentId: '../../x' }, /the incident id is not valid/],
      [{ incidentId: 'x'.repeat(65) }, /the incident id is not valid/],
      [{ update: undefined }, /the incident data is missing/],
      [{ update: '' }, /the incident data is missing/],
      [{ crc32: undefined }, /the checksum is missing/],
      [{ crc32: -1 }, /the checksum is not valid/],
      [{ crc32: 'abc' }, /the checksum is missing/],
      [{ name: 42 }, /the incident name is missing/],
      [{ exportedAt: undefined }, /the export time is missing/],
      [{ exportedBy: 'x'.repeat(500) }, /too long/],
    ];
    for (const [overrides, message] of cases) {
      expect(refused(decodeIncidentFile(envelope(update, overrides)), 'missing-fields'), JSON.stringify(overrides)).toMatch(message);
    }
  });

  it('refuses an update that is not base64', () => {
    const update = Y.encodeStateAsUpdate(incident().doc);
    const good = bytesToBase64(update);
    for (const bad of [`${good}A`, good.replace(/.$/, '!'), `${good.slice(0, 8)}\n${good.slice(8)}`]) {
      expect(refused(decodeIncidentFile(envelope(update, { update: bad })), 'bad-encoding')).toMatch(/not valid base64/);
    }
  });

  it('refuses a file whose checksum does not match (damaged or cut short)', () => {
    const update = Y.encodeStateAsUpdate(incident().doc);
    const flipped = update.slice();
    flipped[Math.floor(flipped.length / 2)]! ^= 0x01;
    const text = envelope(update, { update: bytesToBase64(flipped) });
    expect(refused(decodeIncidentFile(text), 'checksum')).toMatch(/checksum does not match/);
    const truncated = update.slice(0, update.length - 3);
    expect(refused(decodeIncidentFile(envelope(update, { update: bytesToBase64(truncated) })), 'checksum')).toBeTruthy();
  });

  it('refuses an update Yjs cannot apply', () => {
    const update = Y.encodeStateAsUpdate(incident().doc);
    for (const bytes of [Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8), update.slice(0, update.length - 5), Uint8Array.of(0)]) {
      expect(refused(decodeIncidentFile(envelope(bytes)), 'unreadable')).toMatch(/cannot be read/);
    }
  });

  it('never throws, whatever bytes a file holds (with a correct checksum)', () => {
    const update = Y.encodeStateAsUpdate(incident('inc-1', 10).doc);
    const rng = new Rng(42);
    for (let round = 0; round < 300; round++) {
      const bytes = update.slice();
      const flips = 1 + rng.int(4);
      for (let i = 0; i < flips; i++) bytes[rng.int(bytes.length)] = rng.int(256);
      const result = decodeIncidentFile(envelope(bytes));
      if (result.ok) expect(result.file.incidentId).toBe('inc-1');
      else expect(result.message).toMatch(/\./);
    }
  });

  it('refuses an update that depends on changes it does not contain', () => {
    const { doc } = incident();
    const later = copyOf(doc);
    const ctx = testContext('Fox Mulder', T0 + 30 * MINUTE, 'fox');
    logEvent(later, { kind: 'note', text: 'only in the later copy' }, ctx);
    // Only what the later copy added: it builds on the declaration it lacks.
    const delta = Y.encodeStateAsUpdate(later, Y.encodeStateVector(doc));
    const message = refused(decodeIncidentFile(envelope(delta)), 'incomplete');
    expect(message).toMatch(/refers to changes it does not contain/);
  });

  it('refuses an update that deletes what it does not hold', () => {
    const { doc } = incident();
    const other = copyOf(doc);
    timelineOf(other).delete(1, 1);
    const deletesOnly = Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc));
    expect(refused(decodeIncidentFile(envelope(deletesOnly)), 'incomplete')).toBeTruthy();
  });

  it('refuses a doc without a declaration', () => {
    const doc = createIncidentDoc('inc-1');
    doc.transact(() => {
      metaOf(doc).set('schemaVersion', SCHEMA_VERSION);
      metaOf(doc).set('incidentId', 'inc-1');
      timelineOf(doc).push([{ id: 'n1', kind: 'note', at: T0, loggedAt: T0, author: 'Eve', text: 'no declaration' } as TimelineEvent]);
    });
    expect(refused(decodeIncidentFile(envelope(Y.encodeStateAsUpdate(doc))), 'no-declaration')).toMatch(/no declared incident/);
  });

  it('refuses a file whose label and contents name different incidents', () => {
    const { doc } = incident('inc-1');
    expect(refused(decodeIncidentFile(envelope(Y.encodeStateAsUpdate(doc), { incidentId: 'inc-2' })), 'id-mismatch')).toMatch(/contradicts itself/);
    const unlabelled = createIncidentDoc('inc-1');
    Y.applyUpdate(unlabelled, Y.encodeStateAsUpdate(doc));
    metaOf(unlabelled).delete('incidentId');
    // Deleting a map entry is not a timeline deletion: the id check is what refuses it.
    expect(refused(decodeIncidentFile(envelope(Y.encodeStateAsUpdate(unlabelled))), 'id-mismatch')).toBeTruthy();
  });

  it('refuses an incident saved by a newer schema', () => {
    const { doc } = incident();
    metaOf(doc).set('schemaVersion', SCHEMA_VERSION + 1);
    expect(refused(decodeIncidentFile(envelope(Y.encodeStateAsUpdate(doc))), 'newer-schema')).toMatch(/newer version of Command Post/);
  });

  it('carries the org chart and the ticked duties, and the copy shows the same chart', () => {
    const { doc, ctx } = incident();
    const bo = checkIn(doc, { name: 'Bo', skills: 'DBA' }, ctx);
    addRole(doc, { role: { kind: 'scribe' }, holderId: (bo.org as { responderId: string }).responderId }, ctx);
    tickChecklist(doc, { roleId: IC_ROLE_ID, itemId: 'ic.announce', done: true }, ctx);
    const file = decoded(encodeIncidentFile(doc, EXPORT));
    const copy = createIncidentDoc('inc-1');
    Y.applyUpdate(copy, file.update);
    const [mine, theirs] = [projectIncident(doc), projectIncident(copy)];
    expect(theirs.org).toEqual(mine.org);
    expect(theirs.org?.roles.map((r) => r.title)).toEqual(['Incident Commander', 'Scribe']);
    expect(theirs.checklist.get(`${IC_ROLE_ID}/ic.announce`)?.done).toBe(true);
  });

  it('refuses data outside the incident schema', () => {
    const { doc } = incident();
    doc.getMap('payload').set('x', 'y'.repeat(1000));
    expect(refused(decodeIncidentFile(envelope(Y.encodeStateAsUpdate(doc))), 'foreign-data')).toMatch(/not part of a Command Post incident/);
    const withSubdoc = incident().doc;
    withSubdoc.getMap('meta').set('sub', new Y.Doc());
    expect(refused(decodeIncidentFile(envelope(Y.encodeStateAsUpdate(withSubdoc))), 'foreign-data')).toBeTruthy();
  });

  it('refuses what Command Post never writes: a second declaration, removed entries, oversized entries', () => {
    const twice = incident().doc;
    const declared = projectIncident(twice).timeline.at(0)!;
    timelineOf(twice).push([{ ...declared, id: 'second-declaration', name: 'Hijack', at: declared.at - MINUTE } as TimelineEvent]);
    expect(refused(decodeIncidentFile(envelope(Y.encodeStateAsUpdate(twice))), 'not-from-command-post')).toMatch(/more than once/);

    const removed = incident().doc;
    timelineOf(removed).delete(2, 1);
    expect(refused(decodeIncidentFile(envelope(Y.encodeStateAsUpdate(removed))), 'not-from-command-post')).toMatch(/removes timeline entries/);

    const huge = incident().doc;
    timelineOf(huge).push([{ id: 'big', kind: 'note', at: T0 + MINUTE, loggedAt: T0 + MINUTE, author: 'Eve', text: 'x'.repeat(MAX_EVENT_TEXT * 20) }]);
    expect(refused(decodeIncidentFile(envelope(Y.encodeStateAsUpdate(huge))), 'not-from-command-post')).toMatch(/longer than Command Post allows/);
  });

  it('accepts malformed timeline entries but counts them (the projection hides them)', () => {
    const { doc } = incident();
    timelineOf(doc).push([{ nonsense: true } as unknown as TimelineEvent]);
    expect(decoded(envelope(Y.encodeStateAsUpdate(doc)))).toMatchObject({ events: 4, malformedEntries: 1 });
  });
});

describe('importing a file into this machine’s copy', () => {
  it('creates a new incident from a file (the doc was empty)', () => {
    const { doc } = incident('inc-1', 3);
    const file = decoded(encodeIncidentFile(doc, EXPORT));
    const here = createIncidentDoc('inc-1');
    const origins: unknown[] = [];
    here.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin));
    expect(importIncidentFile(here, file)).toEqual({ ok: true, kind: 'new', name: '26-Bravo', before: 0, after: 4 });
    expect(origins).toEqual([IMPORT_ORIGIN]);
    expect(idsOf(here)).toEqual(idsOf(doc));
  });

  it('merges two copies that diverged, both ways, without duplicates', () => {
    const { doc: a } = incident('inc-1', 2);
    const b = copyOf(a);
    const ctxA = testContext('Dana Scully', T0 + 10 * MINUTE, 'a2');
    const ctxB = testContext('Fox Mulder', T0 + 11 * MINUTE, 'b2');
    logEvent(a, { kind: 'decision', text: 'A decided' }, ctxA);
    logEvent(b, { kind: 'action', text: 'B acted' }, ctxB);
    logEvent(b, { kind: 'note', text: 'B noted' }, ctxB);

    const fromB = decoded(encodeIncidentFile(b, EXPORT));
    const fromA = decoded(encodeIncidentFile(a, EXPORT));
    expect(importIncidentFile(a, fromB)).toMatchObject({ ok: true, kind: 'merged', before: 4, after: 6 });
    expect(importIncidentFile(b, fromA)).toMatchObject({ ok: true, kind: 'merged', before: 5, after: 6 });
    expect(projectIncident(a)).toEqual(projectIncident(b));
    expect(new Set(idsOf(a)).size).toBe(6);
  });

  it('changes nothing when the same file, or an older copy, is imported again', () => {
    const { doc: a, ctx } = incident('inc-1', 2);
    const older = decoded(encodeIncidentFile(a, EXPORT));
    ctx.advance(MINUTE);
    logEvent(a, { kind: 'note', text: 'after the export' }, ctx);
    const current = decoded(encodeIncidentFile(a, EXPORT));
    const here = createIncidentDoc('inc-1');
    expect(importIncidentFile(here, current)).toMatchObject({ kind: 'new', after: 4 });
    const updates: unknown[] = [];
    here.on('update', (_u: Uint8Array, origin: unknown) => updates.push(origin));
    expect(importIncidentFile(here, current)).toMatchObject({ ok: true, kind: 'unchanged', before: 4, after: 4 });
    expect(importIncidentFile(here, older)).toMatchObject({ ok: true, kind: 'unchanged', before: 4, after: 4 });
    expect(updates).toEqual([]);
  });

  it('merges a newer copy of an ended incident', () => {
    const { doc: a, ctx } = incident('inc-1', 1);
    const here = copyOf(a);
    ctx.advance(MINUTE);
    declareEnd(a, { summary: 'Rolled back' }, ctx);
    expect(importIncidentFile(here, decoded(encodeIncidentFile(a, EXPORT)))).toMatchObject({ kind: 'merged', before: 2, after: 3 });
    expect(projectIncident(here).header?.state).toBe('ended');
  });

  it('refuses a different incident that claims the same id, and leaves this copy untouched', () => {
    const { doc: mine } = incident('inc-1', 2, 'Dana Scully');
    const { doc: impostor } = incident('inc-1', 5, 'Eve Mallory');
    const before = Y.encodeStateAsUpdate(mine);
    const plan = importIncidentFile(mine, decoded(encodeIncidentFile(impostor, EXPORT)));
    expect(plan).toEqual({ ok: false, message: expect.stringMatching(/different incident \(26-Bravo\) under the same id as 26-Bravo/) });
    expect(Y.encodeStateAsUpdate(mine)).toEqual(before);
  });

  it('plans without touching the doc', () => {
    const { doc: a } = incident('inc-1', 2);
    const here = createIncidentDoc('inc-1');
    const plan = planIncidentImport(here, decoded(encodeIncidentFile(a, EXPORT)));
    expect(plan).toMatchObject({ ok: true, kind: 'new' });
    expect(projectIncident(here).header).toBeNull();
  });

  it('refuses to plan for a doc of another incident (a programming error)', () => {
    const file = decoded(encodeIncidentFile(incident('inc-1').doc, EXPORT));
    expect(() => planIncidentImport(createIncidentDoc('inc-2'), file)).toThrow(/not the file/);
  });
});
