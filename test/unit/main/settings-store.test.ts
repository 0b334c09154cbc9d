/**
 * The settings file: defaults when there is none, what was saved when there
 * is, and a damaged or unreadable file reported, kept aside and replaced
 * without stopping the app. In memory, with failures staged; one test on the
 * real file system.
 */
import { mkdtemp, readdir, readFile, rename, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSettingsStore, type SettingsFiles, type SettingsStoreDeps } from '../../../src/main/settings/store';
import { DEFAULT_HOTKEYS } from '../../../src/shared/hotkeys/actions';
import { errno, MemoryFiles, SETTINGS_PATH } from './memory-files';

const PATH = SETTINGS_PATH;
/** Every section but signaling, as a file that never changed them holds them. */
const UNCHANGED_SECTIONS = { hotkeys: DEFAULT_HOTKEYS, updates: { feedUrl: null }, discovery: { enabled: true, displayName: '' } };
/** 2026-03-14T09:26:53.589Z */
const NOW = Date.UTC(2026, 2, 14, 9, 26, 53, 589);
const ASIDE = `${PATH}.corrupt-2026-03-14T09-26-53-589Z`;

function open(files: MemoryFiles, overrides: Partial<SettingsStoreDeps> = {}) {
  const logError = vi.fn();
  return { logError, store: openSettingsStore({ path: PATH, files, now: () => NOW, logError, ...overrides }) };
}

describe('the settings store', () => {
  it('uses the defaults when there is no file, without complaint and without writing', async () => {
    const files = new MemoryFiles();
    const { store, logError } = open(files);
    const settings = await store;
    expect(settings.get('signaling')).toEqual({ exposeOnLan: false, port: 4444 });
    expect(settings.problem).toBeNull();
    expect(logError).not.toHaveBeenCalled();
    expect(files.files.size).toBe(0);
  });

  it('saves a section and reads it back on the next start', async () => {
    const files = new MemoryFiles();
    const first = await open(files).store;
    await first.set('signaling', { exposeOnLan: true, port: 5001 });
    expect(first.get('signaling')).toEqual({ exposeOnLan: true, port: 5001 });
    expect(files.json()).toEqual({ version: 1, signaling: { exposeOnLan: true, port: 5001 }, ...UNCHANGED_SECTIONS });
    // Nothing but the file itself is left behind.
    expect([...files.files.keys()]).toEqual([PATH]);

    const again = await open(files).store;
    expect(again.get('signaling')).toEqual({ exposeOnLan: true, port: 5001 });
    expect(again.problem).toBeNull();
  });

  it('takes the defaults for a section the file does not have yet', async () => {
    const files = new MemoryFiles();
    files.files.set(PATH, JSON.stringify({ version: 1 }));
    const store = await open(files).store;
    expect(store.get('signaling')).toEqual({ exposeOnLan: false, port: 4444 });
    expect(store.problem).toBeNull();
  });

  it('hands out copies, so changing one changes nothing stored', async () => {
    const store = await open(new MemoryFiles()).store;
    const section = store.get('signaling');
    section.port = 1;
    expect(store.get('signaling').port).toBe(4444);
  });

  it.each([
    ['not JSON', '{"signaling": {"exposeOnLan": tru', /is not valid JSON/],
    ['not an object', '[1, 2, 3]', /does not hold settings/],
    ['empty', '', /is not valid JSON/],
  ])('keeps a file that is %s aside, reports it, and starts from the defaults', async (_what, text, reason) => {
    const files = new MemoryFiles();
    files.files.set(PATH, text);
    const { store, logError } = open(files);
    const settings = await store;
    expect(settings.get('signaling')).toEqual({ exposeOnLan: false, port: 4444 });
    expect(settings.problem).toMatch(reason);
    expect(settings.problem).toContain('It was kept as settings.json.corrupt-2026-03-14T09-26-53-589Z, next to it, and the default settings are in use.');
    expect(logError).toHaveBeenCalledWith(`settings: ${settings.problem}`);
    // The damaged file is kept byte for byte, and a good one is in its place.
    expect(files.files.get(ASIDE)).toBe(text);
    expect(files.json()).toEqual({ version: 1, signaling: { exposeOnLan: false, port: 4444 }, ...UNCHANGED_SECTIONS });
  });

  it('keeps a file with an invalid section aside, and the sections that were good', async () => {
    const files = new MemoryFiles();
    const text = JSON.stringify({ version: 1, signaling: { exposeOnLan: 'yes', port: 80 } });
    files.files.set(PATH, text);
    const settings = await open(files).store;
    expect(settings.get('signaling')).toEqual({ exposeOnLan: false, port: 4444 });
    expect(settings.problem).toMatch(
      /Some settings in .* were not valid \(signaling\.exposeOnLan: .*; signaling\.port: Use a port from 1024 to 65535: lower ports need administrator rights\.\)\./,
    );
    expect(settings.problem).toMatch(/the defaults are in use for that section\.$/);
    expect(files.files.get(ASIDE)).toBe(text);
  });

  it('drops keys it does not know rather than refusing the file', async () => {
    const files = new MemoryFiles();
    files.files.set(PATH, JSON.stringify({ version: 2, signaling: { exposeOnLan: true, port: 5001, colour: 'red' }, later: {} }));
    const settings = await open(files).store;
    expect(settings.get('signaling')).toEqual({ exposeOnLan: true, port: 5001 });
    expect(settings.problem).toBeNull();
  });

  it('reports a file it cannot read, keeps it aside and starts from the defaults', async () => {
    const files = new MemoryFiles();
    files.files.set(PATH, '{}');
    files.failRead = errno('EACCES');
    const settings = await open(files).store;
    expect(settings.problem).toMatch(/could not be read \(EACCES: staged\)\. It was kept as settings\.json\.corrupt-/);
    expect(files.files.get(ASIDE)).toBe('{}');
  });

  it('will not overwrite a bad file it could not move aside, and says what to do', async () => {
    const files = new MemoryFiles();
    files.files.set(PATH, 'garbage');
    files.failRename = (from) => (from === PATH ? errno('EPERM') : null);
    const settings = await open(files).store;
    expect(settings.problem).toMatch(/It could not be moved aside \(EPERM: staged\), so Command Post will not overwrite it: fix or remove .*settings\.json, then save again\. Until then the default settings are in use\./);
    await expect(settings.set('signaling', { exposeOnLan: true, port: 5001 })).rejects.toThrow(/will not overwrite it/);
    expect(files.files.get(PATH)).toBe('garbage');

    // Once it can be moved (the user fixed the permissions), saving works.
    files.failRename = null;
    await settings.set('signaling', { exposeOnLan: true, port: 5001 });
    expect(files.files.get(ASIDE)).toBe('garbage');
    expect(files.json()).toEqual({ version: 1, signaling: { exposeOnLan: true, port: 5001 }, ...UNCHANGED_SECTIONS });
  });

  it('keeps the previous file and value when a save fails', async () => {
    const files = new MemoryFiles();
    const settings = await open(files).store;
    await settings.set('signaling', { exposeOnLan: false, port: 5001 });
    files.failWrite = errno('ENOSPC');
    await expect(settings.set('signaling', { exposeOnLan: true, port: 5002 })).rejects.toThrow(
      `The settings could not be saved to ${PATH}: ENOSPC: staged.`,
    );
    expect(settings.get('signaling')).toEqual({ exposeOnLan: false, port: 5001 });
    expect(files.json()).toEqual({ version: 1, signaling: { exposeOnLan: false, port: 5001 }, ...UNCHANGED_SECTIONS });
  });

  it('refuses a section that fails its schema, leaving everything as it was', async () => {
    const files = new MemoryFiles();
    const settings = await open(files).store;
    await expect(settings.set('signaling', { exposeOnLan: true, port: 99 })).rejects.toThrow(/The signaling settings are not valid: .*port/s);
    expect(settings.get('signaling')).toEqual({ exposeOnLan: false, port: 4444 });
    expect(files.files.size).toBe(0);
  });

  it('writes one save at a time, so the last one asked for is the one on disk', async () => {
    const files = new MemoryFiles();
    const settings = await open(files).store;
    await Promise.all([5001, 5002, 5003].map((port) => settings.set('signaling', { exposeOnLan: false, port })));
    expect(files.json()).toEqual({ version: 1, signaling: { exposeOnLan: false, port: 5003 }, ...UNCHANGED_SECTIONS });
  });
});

describe('the settings store on disk', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('creates the directory, replaces a corrupt file and keeps it aside', async () => {
    const root = await mkdtemp(join(tmpdir(), 'command-post-settings-'));
    dirs.push(root);
    const dir = join(root, 'userData');
    const path = join(dir, 'settings.json');
    const files: SettingsFiles = {
      readFile: (p) => readFile(p, 'utf8'),
      writeFile: (p, text) => writeFile(p, text, 'utf8'),
      rename,
      remove: (p) => rm(p, { force: true }),
      mkdir: async (p) => {
        await mkdir(p, { recursive: true });
      },
    };
    const deps = { path, files, now: () => NOW, logError: vi.fn() };

    const first = await openSettingsStore(deps);
    await first.set('signaling', { exposeOnLan: true, port: 5001 });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ version: 1, signaling: { exposeOnLan: true, port: 5001 }, ...UNCHANGED_SECTIONS });

    await writeFile(path, '\u0000\u0000 half a file');
    const second = await openSettingsStore(deps);
    expect(second.problem).toMatch(/not valid JSON/);
    expect((await readdir(dir)).sort()).toEqual(['settings.json', 'settings.json.corrupt-2026-03-14T09-26-53-589Z']);
    expect(await readFile(join(dir, 'settings.json.corrupt-2026-03-14T09-26-53-589Z'), 'utf8')).toBe('\u0000\u0000 half a file');
    expect(second.get('signaling')).toEqual({ exposeOnLan: false, port: 4444 });
  });
});
