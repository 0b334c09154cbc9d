/**
 * CSV after RFC 4180, as every CSV Command Post writes it: fields quoted
 * when they hold a comma, a quote or a line break, quotes doubled, lines
 * ending in CRLF.
 *
 * A field that starts like a formula (=, +, -, @, a tab or a carriage
 * return) is prefixed with an apostrophe. These files are opened in
 * spreadsheet programs, by people checking them before an import too, and
 * a spreadsheet runs a cell that starts like that (OWASP's "CSV
 * injection": `=HYPERLINK(...)` or a DDE call typed into an action item
 * would run on the reader's machine). The apostrophe makes the cell text;
 * an importer shows it as one more character, which is the lesser harm.
 */
export const CSV_MIME = 'text/csv';

const CSV_SPECIAL = /[",\r\n]|^[=+\-@\t\r]/;

/** One CSV field. */
export function csvField(value: string): string {
  if (!CSV_SPECIAL.test(value)) return value;
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One line of fields, without its line end. */
export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

/**
 * A whole file: the header, then the rows, every line ending in CRLF. With
 * `bom`, a byte-order mark first, so spreadsheet programs read it as UTF-8;
 * files for an importer go without one (an importer may take it for part
 * of the first column's name).
 */
export function csvText(header: readonly string[], rows: readonly (readonly string[])[], { bom }: { readonly bom: boolean }): string {
  const lines = [csvLine(header), ...rows.map(csvLine)];
  return `${bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}
