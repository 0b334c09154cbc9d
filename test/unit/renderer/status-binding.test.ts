import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { diffText, plainText } from '../../../src/renderer/components/collab-text/text-binding';
import { LocalMirror, MIRROR_ORIGIN } from '../../../src/renderer/incidents/local-mirror';

const apply = (before: string, edit: { index: number; remove: number; insert: string }) =>
  before.slice(0, edit.index) + edit.insert + before.slice(edit.index + edit.remove);

describe('turning an input event into one edit', () => {
  it('finds what was typed, deleted, pasted over or cut', () => {
    expect(diffText('Writes fail', 'Writes do fail', 10)).toEqual({ index: 7, remove: 0, insert: 'do ' });
    expect(diffText('Writes fail', 'Writes fai', 10)).toEqual({ index: 10, remove: 1, insert: '' });
    expect(diffText('Writes fail', 'Reads fail', 5)).toEqual({ index: 0, remove: 5, insert: 'Read' });
    expect(diffText('abc', '', 0)).toEqual({ index: 0, remove: 3, insert: '' });
    expect(diffText('', 'pasted\nlines', 12)).toEqual({ index: 0, remove: 0, insert: 'pasted\nlines' });
  });

  it('puts a repeated letter where the caret says it was typed', () => {
    // "hel|lo" + "l": the text alone cannot tell which l is new; the caret can.
    expect(diffText('hello', 'helllo', 3)).toEqual({ index: 2, remove: 0, insert: 'l' });
    expect(diffText('hello', 'helllo', 5)).toEqual({ index: 4, remove: 0, insert: 'l' });
  });

  it('never cuts an emoji in half', () => {
    const before = 'ok \u{1F525}';
    const after = 'ok \u{1F4A7}';
    const edit = diffText(before, after, after.length);
    expect(edit).toEqual({ index: 3, remove: 2, insert: '\u{1F4A7}' });
    expect(apply(before, edit)).toBe(after);
  });

  it('always yields an edit that turns the old text into the new', () => {
    const samples = ['', 'a', 'aaaa', 'abcabc', 'The DB is down.\nImpact: EU', '\u{1F525}\u{1F525}x'];
    for (const before of samples) {
      for (const after of samples) {
        for (let caret = 0; caret <= after.length; caret++) expect(apply(before, diffText(before, after, caret))).toBe(after);
      }
    }
  });

  it('reads a text’s string parts only', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'plain');
    text.insertEmbed(5, { image: 'x' });
    expect(plainText(text)).toBe('plain');
  });
});

describe('windows of one machine kept in step', () => {
  const mirrors: LocalMirror[] = [];
  afterEach(() => {
    for (const m of mirrors.splice(0)) m.destroy();
  });

  it('send every local change to the other windows of the incident, and catch a new window up', async () => {
    const a = new Y.Doc({ guid: 'inc-mirror' });
    a.getText('status:summary').insert(0, 'Writes fail');
    mirrors.push(new LocalMirror(a, 'db-test'));
    const b = new Y.Doc({ guid: 'inc-mirror' });
    mirrors.push(new LocalMirror(b, 'db-test'));
    // The newcomer says what it has; the first window answers with the rest.
    await vi.waitFor(() => expect(b.getText('status:summary').toString()).toBe('Writes fail'));

    const origins: unknown[] = [];
    a.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));
    b.getText('status:summary').insert(11, ' since 09:40');
    await vi.waitFor(() => expect(a.getText('status:summary').toString()).toBe('Writes fail since 09:40'));
    expect(origins).toContain(MIRROR_ORIGIN);

    // Another database (another profile, or a test's) is another set of incidents.
    const stranger = new Y.Doc({ guid: 'inc-mirror' });
    mirrors.push(new LocalMirror(stranger, 'db-other'));
    a.getText('status:summary').insert(0, '!');
    await vi.waitFor(() => expect(b.getText('status:summary').toString()).toBe('!Writes fail since 09:40'));
    expect(stranger.getText('status:summary').toString()).toBe('');
  });

  it('ignores what is not one of its messages', async () => {
    const a = new Y.Doc({ guid: 'inc-junk' });
    mirrors.push(new LocalMirror(a, 'db-test'));
    const channel = new BroadcastChannel('command-post:db-test:incident:inc-junk');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    channel.postMessage({ type: 'update', update: 'not bytes' });
    channel.postMessage({ type: 'update', update: new Uint8Array([255, 1, 2, 3]) });
    channel.postMessage(null);
    await new Promise((resolve) => setTimeout(resolve, 50));
    channel.close();
    expect(a.getText('status:summary').toString()).toBe('');
    expect(errors).toHaveBeenCalledTimes(1);
    errors.mockRestore();
  });
});
