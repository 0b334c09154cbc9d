import { basename, dirname, join } from 'node:path';
import type { IpcMainInvokeEvent, SaveDialogOptions, WebContents } from 'electron';
import type { SaveFileResult, SaveTextFileRequest } from '../../shared/ipc';

/** What saving a file needs from Electron and the file system; injected so the tests need neither. */
export interface SaveTextFileDeps {
  /** dialog.showSaveDialog, attached to the window of `sender` when it has one. */
  showSaveDialog(sender: WebContents, options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
  /** Where the dialog starts (the user's Downloads folder). */
  defaultDirectory(): string;
  writeFile(path: string, content: string | Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  now(): number;
}

/** Human names for the extensions the renderer saves, for the dialog's file-type filter. */
const FILE_TYPES: Record<string, string> = {
  cpinc: 'Command Post incident',
  pdf: 'PDF',
  md: 'Markdown',
  html: 'Web page',
  json: 'JSON',
  csv: 'CSV (spreadsheet)',
  ics: 'Calendar (iCalendar)',
};

/**
 * The 'file:save-text' handler: a native save dialog (the renderer only
 * suggests a name, validated by the contract; the user picks the place),
 * then the text is written next to the chosen file and renamed over it, so
 * a full disk or a crash never leaves half a file under the chosen name.
 */
export function createSaveTextFile(deps: SaveTextFileDeps) {
  return (event: IpcMainInvokeEvent, request: SaveTextFileRequest): Promise<SaveFileResult> => saveWithDialog(deps, event.sender, request.suggestedName, request.content);
}

/**
 * Asks where to save (the name suggested, the extension's type offered),
 * then writes the content beside the chosen file and renames it over it.
 * Shared by the text files and the printed PDFs (save-pdf.ts).
 */
export async function saveWithDialog(deps: SaveTextFileDeps, sender: WebContents, suggestedName: string, content: string | Uint8Array): Promise<SaveFileResult> {
  const extension = /\.([A-Za-z0-9]{1,10})$/.exec(suggestedName)?.[1]?.toLowerCase();
  const filters = extension
    ? [
        { name: FILE_TYPES[extension] ?? `${extension.toUpperCase()} file`, extensions: [extension] },
        { name: 'All files', extensions: ['*'] },
      ]
    : [];
  const choice = await deps.showSaveDialog(sender, {
    title: extension && FILE_TYPES[extension] ? `Save ${FILE_TYPES[extension]} file` : 'Save file',
    defaultPath: join(deps.defaultDirectory(), suggestedName),
    filters,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (choice.canceled || !choice.filePath) return 'cancelled';

  const target = choice.filePath;
  const partial = join(dirname(target), `.${basename(target)}.${deps.now().toString(36)}.partial`);
  try {
    await deps.writeFile(partial, content);
    await deps.rename(partial, target);
  } catch (error) {
    await deps.remove(partial).catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`The file could not be written to ${target}: ${reason}`, { cause: error });
  }
  return 'saved';
}
