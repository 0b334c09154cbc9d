import type { SaveDialogOptions, WebContents } from 'electron';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createSaveTextFile, type SaveTextFileDeps } from '../../../src/main/files/save-text';
import { fakeInvokeEvent, fakeWebContents } from './fakes';

const DOWNLOADS = join('/home', 'dana', 'Downloads');

/** A save dialog that answers `choice`, and a file system held in a Map. */
function setup(choice: { canceled: boolean; filePath?: string }, failures: { write?: Error; rename?: Error } = {}) {
  const files = new Map<string, string>();
  const dialogs: { sender: WebContents; options: SaveDialogOptions }[] = [];
  const deps: SaveTextFileDeps = {
    showSaveDialog: vi.fn(async (sender: WebContents, options: SaveDialogOptions) => {
      dialogs.push({ sender, options });
      return choice;
    }),
    defaultDirectory: () => DOWNLOADS,
    writeFile: vi.fn(async (path: string, content: string) => {
      if (failures.write) throw failures.write;
      files.set(path, content);
    }),
    rename: vi.fn(async (from: string, to: string) => {
      if (failures.rename) throw failures.rename;
      const content = files.get(from);
      if (content === undefined) throw new Error(`ENOENT: ${from}`);
      files.delete(from);
      files.set(to, content);
    }),
    remove: vi.fn(async (path: string) => {
      files.delete(path);
    }),
    now: () => 1_700_000_000_000,
  };
  const sender = fakeWebContents('app://command-post/index.html');
  return { deps, files, dialogs, sender, save: createSaveTextFile(deps), event: fakeInvokeEvent(sender) };
}

describe('file:save-text', () => {
  it('asks where to save, starting in Downloads with the suggested name, then writes the text there', async () => {
    const target = join(DOWNLOADS, '26-Bravo.cpinc');
    const { save, event, files, dialogs, sender } = setup({ canceled: false, filePath: target });
    await expect(save(event, { suggestedName: '26-Bravo_2026-03-14_0930.cpinc', content: '{"format":"command-post-incident"}' })).resolves.toBe('saved');
    expect(dialogs).toHaveLength(1);
    expect(dialogs[0]?.sender).toBe(sender);
    expect(dialogs[0]?.options).toMatchObject({
      defaultPath: join(DOWNLOADS, '26-Bravo_2026-03-14_0930.cpinc'),
      filters: [
        { name: 'Command Post incident', extensions: ['cpinc'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    expect(dialogs[0]?.options.properties).toContain('showOverwriteConfirmation');
    expect([...files]).toEqual([[target, '{"format":"command-post-incident"}']]);
  });

  it('names each of the postmortem’s formats in the file-type filter', async () => {
    for (const [extension, name] of [
      ['md', 'Markdown'],
      ['html', 'Web page'],
      ['json', 'JSON'],
      ['csv', 'CSV (spreadsheet)'],
      ['ics', 'Calendar (iCalendar)'],
    ]) {
      const { save, event, dialogs } = setup({ canceled: true });
      await save(event, { suggestedName: `26-Bravo_2026-03-16_0800_postmortem.${extension}`, content: 'x' });
      expect(dialogs[0]?.options.filters?.[0]).toEqual({ name, extensions: [extension] });
      expect(dialogs[0]?.options.title).toBe(`Save ${name} file`);
    }
  });

  it('writes nothing when the dialog is cancelled', async () => {
    for (const choice of [{ canceled: true, filePath: '' }, { canceled: false, filePath: '' }, { canceled: false }]) {
      const { save, event, files, deps } = setup(choice);
      await expect(save(event, { suggestedName: 'x.cpinc', content: 'text' })).resolves.toBe('cancelled');
      expect(files.size).toBe(0);
      expect(deps.writeFile).not.toHaveBeenCalled();
    }
  });

  it('writes to a hidden partial file next to the target and renames it over the target', async () => {
    const target = join('/media', 'usb', 'incident.cpinc');
    const { save, event, deps } = setup({ canceled: false, filePath: target });
    await save(event, { suggestedName: 'incident.cpinc', content: 'abc' });
    const partial = vi.mocked(deps.writeFile).mock.calls[0]?.[0] ?? '';
    expect(partial.startsWith(join('/media', 'usb', '.incident.cpinc.'))).toBe(true);
    expect(partial.endsWith('.partial')).toBe(true);
    expect(deps.rename).toHaveBeenCalledWith(partial, target);
  });

  it('reports a failed write with the path and the reason, and removes the partial file', async () => {
    const target = join('/media', 'usb', 'incident.cpinc');
    const { save, event, files, deps } = setup({ canceled: false, filePath: target }, { rename: new Error('EXDEV: cross-device link') });
    await expect(save(event, { suggestedName: 'incident.cpinc', content: 'abc' })).rejects.toThrow(
      `The file could not be written to ${target}: EXDEV: cross-device link`,
    );
    expect(files.size).toBe(0);
    expect(deps.remove).toHaveBeenCalledTimes(1);

    const full = setup({ canceled: false, filePath: target }, { write: new Error('ENOSPC: no space left on device') });
    await expect(full.save(full.event, { suggestedName: 'incident.cpinc', content: 'abc' })).rejects.toThrow(/ENOSPC/);
    expect(full.files.size).toBe(0);
  });

  it('offers no file-type filter for a name without an extension, and a generic one for unknown extensions', async () => {
    const plain = setup({ canceled: true });
    await plain.save(plain.event, { suggestedName: 'notes', content: '' });
    expect(plain.dialogs[0]?.options.filters).toEqual([]);
    const other = setup({ canceled: true });
    await other.save(other.event, { suggestedName: 'notes.txt', content: '' });
    expect(other.dialogs[0]?.options.filters?.[0]).toEqual({ name: 'TXT file', extensions: ['txt'] });
    expect(other.dialogs[0]?.options.title).toBe('Save file');
  });
});
