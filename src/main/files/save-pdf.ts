/**
 * The 'file:save-pdf' handler: the asking page printed to a PDF by
 * Chromium (webContents.printToPDF), then saved through the same save
 * dialog and atomic write as a text file (save-text.ts). The page lays
 * itself out for print (its @page rule names the paper and margins and
 * draws the page footers), so the PDF is what the print dialog would give.
 */
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import type { SaveFileResult, SavePdfRequest } from '../../shared/ipc';
import { saveWithDialog, type SaveTextFileDeps } from './save-text';

/** The options of printToPDF this handler uses (Electron's PrintToPDFOptions). */
export interface PdfOptions {
  readonly pageSize: 'Letter' | 'A4';
  readonly printBackground: boolean;
  /** The page's @page size and margins win over the defaults. */
  readonly preferCSSPageSize: boolean;
}

export interface SavePdfDeps extends SaveTextFileDeps {
  /** webContents.printToPDF in production: what `sender` shows, as a PDF. */
  printToPdf(sender: WebContents, options: PdfOptions): Promise<Uint8Array>;
}

const PAGE_SIZES = { letter: 'Letter', a4: 'A4' } as const;

export function createSavePdf(deps: SavePdfDeps) {
  return async (event: IpcMainInvokeEvent, request: SavePdfRequest): Promise<SaveFileResult> => {
    // Printed before the dialog opens: what is saved is the page as it was when the user asked.
    const pdf = await deps.printToPdf(event.sender, { pageSize: PAGE_SIZES[request.paper], printBackground: true, preferCSSPageSize: true });
    return saveWithDialog(deps, event.sender, request.suggestedName, pdf);
  };
}
