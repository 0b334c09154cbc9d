/**
 * Amendments to timeline entries, stored as events of kind 'amend' that
 * name the entry they change. The log stays append-only: an edit is a new
 * version (the new text is the amendment's own `text`), striking an entry
 * through keeps it with the reason, and the key-event flag is set and
 * cleared by events too. The projection folds them (amendments.ts).
 */

/** The version that knows amendments (see SCHEMA_VERSION): an amended doc is raised to it. */
export const AMEND_SCHEMA_VERSION = 4;

/** The longest reason for striking an entry through. */
export const MAX_STRIKE_REASON = 300;

export type Amendment =
  /** A new text. `replaces` is the version the editor saw (the entry's id, or an earlier edit's). */
  | { readonly change: 'edit'; readonly replaces: string }
  | { readonly change: 'strike'; readonly reason: string }
  | { readonly change: 'key' }
  | { readonly change: 'unkey' };

export type AmendmentKind = Amendment['change'];

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 64;

/** The structural check of a stored amendment (see isTimelineEvent); the rules are the fold's. */
export function isAmendment(value: unknown): value is Amendment {
  if (typeof value !== 'object' || value === null) return false;
  const a = value as Record<string, unknown>;
  switch (a.change) {
    case 'edit':
      return isId(a.replaces);
    case 'strike':
      return typeof a.reason === 'string' && a.reason.length > 0 && a.reason.length <= MAX_STRIKE_REASON;
    case 'key':
    case 'unkey':
      return true;
    default:
      return false;
  }
}
