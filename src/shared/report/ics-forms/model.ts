/**
 * The layout model of a printed ICS form: what each form holds, in the
 * order of FEMA's forms, in our own words. Pure data: the print view
 * (renderer/features/forms) lays it out on Letter or A4, and the tests read
 * it without a browser. Every value is plain text; the view never renders
 * it as markup, so a hostile name prints as the characters it is.
 */

export const FORM_NUMBERS = ['201', '202', '203', '205', '207', '213', '214'] as const;
export type FormNumber = (typeof FORM_NUMBERS)[number];

export const FORM_TITLES: Record<FormNumber, string> = {
  '201': 'Incident Briefing',
  '202': 'Incident Objectives',
  '203': 'Organization Assignment List',
  '205': 'Communications Plan',
  '207': 'Organization Chart',
  '213': 'General Message',
  '214': 'Activity Log',
};

export const PAPER_SIZES = ['letter', 'a4'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

export const isFormNumber = (v: unknown): v is FormNumber => typeof v === 'string' && (FORM_NUMBERS as readonly string[]).includes(v);
export const isPaperSize = (v: unknown): v is PaperSize => typeof v === 'string' && (PAPER_SIZES as readonly string[]).includes(v);

export interface FormField {
  readonly label: string;
  readonly value: string;
}

export interface FormColumn {
  readonly label: string;
  /** Its share of the table's width, in parts (the view turns them into percentages). */
  readonly width: number;
}

/** A box of the organization chart (ICS 207). */
export interface ChartBox {
  readonly roleId: string;
  readonly title: string;
  /** Who holds it: a name, or "IC (name)" for a role not delegated. */
  readonly holder: string;
  readonly children: readonly ChartBox[];
  /** Its subordinates did not fit: they are drawn on the page named here. */
  readonly continuedOn?: string;
}

export type FormSection =
  | { readonly kind: 'fields'; readonly title: string; readonly fields: readonly FormField[] }
  | { readonly kind: 'lines'; readonly title: string; readonly lines: readonly string[]; readonly empty: string }
  /** A text as it was written, its line breaks kept (a message as sent). */
  | { readonly kind: 'text'; readonly title: string; readonly text: string }
  | { readonly kind: 'table'; readonly title: string; readonly columns: readonly FormColumn[]; readonly rows: readonly (readonly string[])[]; readonly empty: string }
  /** Space left blank to draw in by hand (the 201's map or sketch). */
  | { readonly kind: 'blank'; readonly title: string; readonly note: string }
  | { readonly kind: 'chart'; readonly title: string; readonly root: ChartBox };

/** A part of a form that starts on a page of its own: one message of the 213s, one person's 214, the 207's continuation. */
export interface FormPart {
  /** What this part is of the form: "Message 2 of 5", "Jo Kim", "Continued: Tech Lead". Empty for a form of one part. */
  readonly heading: string;
  readonly sections: readonly FormSection[];
}

/** What every page of every form carries, in its header and footer. */
export interface FormHeader {
  readonly incidentName: string;
  readonly severity: string;
  readonly drill: boolean;
  /** The operational period: from the declaration to the end, or to now while it runs. */
  readonly periodFrom: number;
  readonly periodTo: number;
  readonly periodText: string;
  /** The person at the keyboard, with the role they hold: "Ada Lovelace (IC)". */
  readonly preparedBy: string;
  readonly preparedAt: number;
}

export interface IcsForm {
  readonly number: FormNumber;
  readonly title: string;
  /** What the form is for, in a line, under its title. */
  readonly purpose: string;
  readonly header: FormHeader;
  readonly parts: readonly FormPart[];
}
