/**
 * What goes into an announcement on the network, and what is made of one
 * that arrives (src/shared/sync/lan-announcement.ts).
 */
import { describe, expect, it } from 'vitest';
import { MAX_DISCOVERY_NAME } from '../../../src/shared/ipc';
import {
  announcedIdFromBytes,
  announcementTxt,
  displayText,
  MAX_DISPLAY_NAME,
  parseAnnouncement,
  type ShareAnnouncement,
} from '../../../src/shared/sync/lan-announcement';

const ID = 'a'.repeat(32);
const base: ShareAnnouncement = { id: ID, port: 4444, displayName: null, incident: null };

describe('an announcement', () => {
  it('says only the version and the opaque id when nothing more is allowed', () => {
    expect(announcementTxt(base)).toEqual({ v: '1', id: ID });
  });

  it('adds the display name the user chose, and the codename and severity only when the share allows them', () => {
    expect(announcementTxt({ ...base, displayName: 'War room A' })).toEqual({ v: '1', id: ID, n: 'War room A' });
    expect(announcementTxt({ ...base, incident: { codename: '26-Bravo', severity: 'SEV-2' } })).toEqual({ v: '1', id: ID, c: '26-Bravo', s: 'SEV-2' });
    expect(announcementTxt({ ...base, incident: { codename: '26-Bravo', severity: null } })).toEqual({ v: '1', id: ID, c: '26-Bravo' });
  });

  it('never holds a key beyond v, id, n, c and s, whatever it is given', () => {
    const extra = { ...base, displayName: 'x', incident: { codename: 'y', severity: 'SEV-1' as const }, incidentId: 'inc-7', organisation: 'ACME', person: 'Dana' };
    expect(Object.keys(announcementTxt(extra)).sort()).toEqual(['c', 'id', 'n', 's', 'v']);
    expect(JSON.stringify(announcementTxt(extra))).not.toMatch(/inc-7|ACME|Dana/);
  });

  it('cleans what it announces: no direction-changing or invisible characters, at most 40 characters', () => {
    const txt = announcementTxt({ ...base, displayName: `Room\u202Efdp.exe\u200B ${'x'.repeat(100)}` });
    expect(txt.n).not.toMatch(/[\u202E\u200B]/);
    expect([...txt.n!].length).toBeLessThanOrEqual(MAX_DISPLAY_NAME);
    expect(announcementTxt({ ...base, displayName: ' \u200B ' })).toEqual({ v: '1', id: ID });
  });

  it('refuses an id that is not 32 hex digits (the page never mints one: main does)', () => {
    expect(() => announcementTxt({ ...base, id: 'inc-7' })).toThrow();
  });

  it('mints ids from 16 random bytes, as 32 hex digits (a DNS label)', () => {
    const id = announcedIdFromBytes(new Uint8Array(16).fill(0xab));
    expect(id).toBe('ab'.repeat(16));
    expect(() => announcedIdFromBytes(new Uint8Array(8))).toThrow();
  });

  it('keeps the contract’s cap and the announcement’s equal', () => {
    expect(MAX_DISCOVERY_NAME).toBe(MAX_DISPLAY_NAME);
  });
});

describe('reading what a peer announces', () => {
  const service = (txt: unknown, extra: Record<string, unknown> = {}) => ({ name: ID, port: 4444, txt, ...extra });

  it('reads a well-formed announcement', () => {
    expect(parseAnnouncement(service({ v: '1', id: ID, n: 'War room A', c: '26-Bravo', s: 'SEV-2' }))).toEqual({
      id: ID,
      port: 4444,
      displayName: 'War room A',
      codename: '26-Bravo',
      severity: 'SEV-2',
    });
  });

  it('drops what is not ours: another version, no id, an instance name that is not the id, a port that is not one, no TXT', () => {
    expect(parseAnnouncement(service({ v: '2', id: ID }))).toBeNull();
    expect(parseAnnouncement(service({ v: '1' }))).toBeNull();
    expect(parseAnnouncement(service({ v: '1', id: ID }, { name: 'b'.repeat(32) }))).toBeNull();
    expect(parseAnnouncement(service({ v: '1', id: 'inc-7' }, { name: 'inc-7' }))).toBeNull();
    for (const port of [0, -1, 70_000, 1.5, '4444', undefined]) expect(parseAnnouncement(service({ v: '1', id: ID }, { port }))).toBeNull();
    for (const txt of [null, 'v=1', [], 42, undefined]) expect(parseAnnouncement(service(txt))).toBeNull();
  });

  it('survives hostile text: long strings capped, direction and invisible characters dropped, wrong types ignored', () => {
    const parsed = parseAnnouncement(
      service({ v: '1', id: ID, n: `\u202Egnp.exe${'W'.repeat(150)}`, c: '\u2066Bad\u2069\u0000name\n', s: 'SEV-9' }),
    );
    expect(parsed).not.toBeNull();
    expect(parsed!.displayName).not.toMatch(/[\u202E]/);
    expect([...parsed!.displayName!].length).toBe(MAX_DISPLAY_NAME);
    expect(parsed!.codename).toBe('Badname');
    expect(parsed!.severity).toBeNull();
    // Way past any cap: dropped rather than cleaned.
    expect(parseAnnouncement(service({ v: '1', id: ID, n: 'x'.repeat(100_000) }))!.displayName).toBeNull();
    // bonjour-service writes `true` for a key without '=' and bytes for binary values.
    expect(parseAnnouncement(service({ v: '1', id: ID, n: true, c: new Uint8Array([1, 2]) }))).toMatchObject({ displayName: null, codename: null });
  });

  it('shows no severity without the codename it belongs to', () => {
    expect(parseAnnouncement(service({ v: '1', id: ID, s: 'SEV-1' }))!.severity).toBeNull();
  });

  it('reads back exactly what announcementTxt writes', () => {
    const written = announcementTxt({ id: ID, port: 5000, displayName: 'Bridge B', incident: { codename: '26-Alfa', severity: 'SEV-3' } });
    expect(parseAnnouncement({ name: ID, port: 5000, txt: written })).toEqual({ id: ID, port: 5000, displayName: 'Bridge B', codename: '26-Alfa', severity: 'SEV-3' });
  });

  it('displayText empties what is only invisible', () => {
    expect(displayText('\u200B\u200E\u202A', 40)).toBeNull();
    expect(displayText('  a   b  ', 40)).toBe('a b');
  });
});
