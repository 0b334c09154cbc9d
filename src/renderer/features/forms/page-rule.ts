/**
 * The @page rule of the printed forms: the paper and its margins, and what
 * every page carries in its margins (CSS margin boxes, drawn by Chromium
 * in the print dialog, page.pdf() and Electron's printToPDF alike; the
 * page must leave them their room, so page.pdf() is told preferCSSPageSize): the
 * incident, its operational period, who prepared it, "Page N of M", and
 * DRILL on a drill. The page number counts the pages printed together: one
 * form's when one form is printed.
 */
import type { FormHeader, PaperSize } from '../../../shared/report/ics-forms/model';
import { utcStamp } from '../../../shared/report/postmortem-draft';

const PAPER: Record<PaperSize, string> = { letter: 'letter', a4: 'A4' };

/** The longest name a footer shows; the form's own header gives it whole. */
const FOOTER_NAME = 40;

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * A CSS string holding `text` as the characters it is: everything but
 * letters, digits, spaces and plain punctuation is escaped by code point,
 * so a name with quotes, backslashes, line breaks or "</style>" cannot end
 * the string or the rule.
 */
export function cssString(text: string): string {
  let out = '';
  for (const ch of text) out += /[\p{L}\p{N} .,:;()·–…@#+-]/u.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `;
  return `"${out}"`;
}

export function pageRule(paper: PaperSize, header: FormHeader): string {
  const small = 'font-family: system-ui, sans-serif; font-size: 7.5pt; color: #000;';
  const where = `${shorten(header.incidentName, FOOTER_NAME)} · operational period ${header.periodText}`;
  const who = `Prepared by ${shorten(header.preparedBy, FOOTER_NAME)}, ${utcStamp(header.preparedAt)}`;
  return `@page {
  size: ${PAPER[paper]};
  margin: 14mm 12mm 20mm 12mm;
  @bottom-left { content: ${cssString(where)} "\\A " ${cssString(who)}; white-space: pre-wrap; ${small} vertical-align: top; text-align: left; width: 80%; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); ${small} vertical-align: top; text-align: right; width: 20%; }
  ${header.drill ? `@top-center { content: "DRILL · this is an exercise, not a real incident"; ${small} font-size: 10pt; font-weight: 700; }` : ''}
}`;
}
