/** A settings directory in memory, with failures a test can stage per call (settings and hotkey tests). */
import type { SettingsFiles } from '../../../src/main/settings/store';

export const SETTINGS_PATH = '/home/dana/.config/Command Post/settings.json';

export function errno(code: string): Error {
  return Object.assign(new Error(`${code}: staged`), { code });
}

/** A directory in memory, with failures that a test can stage per call. */
export class MemoryFiles implements SettingsFiles {
  readonly files = new Map<string, string>();
  failRead: Error | null = null;
  failWrite: Error | null = null;
  failRename: ((from: string, to: string) => Error | null) | null = null;

  async readFile(path: string): Promise<string> {
    if (this.failRead) throw this.failRead;
    const text = this.files.get(path);
    if (text === undefined) throw errno('ENOENT');
    return text;
  }
  async writeFile(path: string, text: string): Promise<void> {
    if (this.failWrite) throw this.failWrite;
    this.files.set(path, text);
  }
  async rename(from: string, to: string): Promise<void> {
    const failure = this.failRename?.(from, to);
    if (failure) throw failure;
    const text = this.files.get(from);
    if (text === undefined) throw errno('ENOENT');
    this.files.delete(from);
    this.files.set(to, text);
  }
  async remove(path: string): Promise<void> {
    this.files.delete(path);
  }
  async mkdir(): Promise<void> {}

  json(path = SETTINGS_PATH): unknown {
    return JSON.parse(this.files.get(path) ?? 'null');
  }
}

