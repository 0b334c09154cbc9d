/**
 * Binds a text area (or a one-line input) to a collaborative text (a field
 * of the status document, a section of the postmortem), so several people
 * can type in the same field at once and lose no keystrokes.
 *
 * Local typing: each input event is turned into one change (where it
 * starts, how much it removes, what it inserts: the difference between the
 * field's text before and after) and handed to `apply`, which runs the
 * domain's command; the command writes it to the Y.Text, and Yjs merges it
 * with whatever the others typed meanwhile, character by character.
 *
 * Remote typing: when the Y.Text changes and no longer reads as the field
 * does, the field is rewritten and the local selection is put back on the
 * same characters it was on, through Yjs relative positions (an index would
 * drift by whatever was typed before it). While an input method is
 * composing (accents, CJK), remote changes wait for it to finish: rewriting
 * the field mid-composition would break it.
 *
 * The binding owns the field's value; React renders the element once and
 * leaves its value alone (uncontrolled).
 */
import * as Y from 'yjs';

export interface TextEdit {
  readonly index: number;
  readonly remove: number;
  readonly insert: string;
}

export interface SelectionPresence {
  readonly anchor: unknown;
  readonly head: unknown;
}

export interface TextBindingOptions {
  /** Runs the edit through the domain; throws (a CommandError) to refuse it. */
  apply(edit: TextEdit): void;
  /** A refused edit: the field is put back as it was, and the reason shown. */
  onRefused(message: string): void;
  /** Where the local selection is, as relative positions; null when the field loses focus. */
  onSelection(selection: SelectionPresence | null): void;
  /** The field was rewritten from the document (someone else typed). */
  onRemoteChange?(): void;
}

type Field = HTMLTextAreaElement | HTMLInputElement;

/** The one change that turns `before` into `after`: common start and end kept, the middle replaced. */
export function diffText(before: string, after: string, caret: number | null = null): TextEdit {
  let start = 0;
  const shortest = Math.min(before.length, after.length);
  // The caret ends where the typing did: the common start is not allowed past what was inserted before it.
  const startLimit = caret === null ? shortest : Math.min(shortest, Math.max(0, caret - Math.max(0, after.length - before.length)));
  while (start < startLimit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  // Never split a surrogate pair (an emoji): move the cut to its start.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1)) && (start < before.length || start < after.length)) {
    const low = start < after.length ? after.charCodeAt(start) : before.charCodeAt(start);
    if (isLowSurrogate(low)) start--;
  }
  return { index: start, remove: endBefore - start, insert: after.slice(start, endAfter) };
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** The text of a Y.Text as the field shows it: its string parts only. */
export function plainText(text: Y.Text): string {
  let out = '';
  for (const op of text.toDelta() as Array<{ insert?: unknown }>) if (typeof op.insert === 'string') out += op.insert;
  return out;
}

export class TextBinding {
  /** What the field read when it last agreed with the document. */
  private value: string;
  private composing = false;
  private pendingRemote = false;
  private selection: { anchor: Y.RelativePosition; head: Y.RelativePosition } | null = null;
  private readonly doc: Y.Doc;

  constructor(
    private readonly field: Field,
    private readonly text: Y.Text,
    private readonly options: TextBindingOptions,
  ) {
    if (!text.doc) throw new Error('TextBinding: the text is not in a document');
    this.doc = text.doc;
    this.value = plainText(text);
    field.value = this.value;
    text.observe(this.onText);
    field.addEventListener('input', this.onInput);
    field.addEventListener('compositionstart', this.onCompositionStart);
    field.addEventListener('compositionend', this.onCompositionEnd);
    field.addEventListener('focus', this.onSelect);
    field.addEventListener('blur', this.onBlur);
    field.addEventListener('select', this.onSelect);
    field.addEventListener('keyup', this.onSelect);
    field.addEventListener('mouseup', this.onSelect);
    document.addEventListener('selectionchange', this.onDocumentSelection);
  }

  destroy(): void {
    this.text.unobserve(this.onText);
    this.field.removeEventListener('input', this.onInput);
    this.field.removeEventListener('compositionstart', this.onCompositionStart);
    this.field.removeEventListener('compositionend', this.onCompositionEnd);
    this.field.removeEventListener('focus', this.onSelect);
    this.field.removeEventListener('blur', this.onBlur);
    this.field.removeEventListener('select', this.onSelect);
    this.field.removeEventListener('keyup', this.onSelect);
    this.field.removeEventListener('mouseup', this.onSelect);
    document.removeEventListener('selectionchange', this.onDocumentSelection);
    if (document.activeElement === this.field) this.options.onSelection(null);
  }

  private readonly onInput = () => {
    // Mid-composition the field holds half-typed text: it is written once the composition ends.
    if (this.composing) return;
    const after = this.field.value;
    if (after === this.value) return;
    const edit = this.mapped(diffText(this.value, after, this.field.selectionEnd));
    try {
      this.options.apply(edit);
      this.value = after;
    } catch (error) {
      // Put the field back as the document has it, the caret where the edit started.
      this.field.value = this.value;
      this.field.setSelectionRange(edit.index, edit.index);
      this.options.onRefused(error instanceof Error ? error.message : String(error));
    }
    // The document may hold more than this edit (someone typed meanwhile and it was held back).
    if (plainText(this.text) !== this.field.value) this.render();
    this.onSelect();
  };

  private readonly onText = () => {
    if (this.composing) {
      this.pendingRemote = true;
      return;
    }
    if (plainText(this.text) !== this.field.value) this.render();
  };

  /** Where the composition started, in the field and as a position that follows remote edits. */
  private compositionStart: { index: number; position: Y.RelativePosition } | null = null;

  private readonly onCompositionStart = () => {
    this.composing = true;
    const index = Math.min(this.field.selectionStart ?? 0, this.value.length);
    this.compositionStart = { index, position: Y.createRelativePositionFromTypeIndex(this.text, index) };
  };

  private readonly onCompositionEnd = () => {
    this.composing = false;
    this.pendingRemote = false;
    // Browsers differ on whether an input event follows compositionend: write what was composed now.
    this.onInput();
    this.compositionStart = null;
    if (plainText(this.text) !== this.field.value) this.render();
  };

  /**
   * An edit worked out against the field's text, moved to where it belongs
   * in the document when remote changes arrived meanwhile (only while an
   * input method was composing: otherwise the field always reads as the
   * document does before the user types).
   */
  private mapped(edit: TextEdit): TextEdit {
    const start = this.compositionStart;
    if (!start || plainText(this.text) === this.value) return edit;
    const base = Y.createAbsolutePositionFromRelativePosition(start.position, this.doc)?.index ?? start.index;
    const length = this.text.length;
    const index = Math.max(0, Math.min(length, base + (edit.index - start.index)));
    return { index, remove: Math.min(edit.remove, length - index), insert: edit.insert };
  }

  private readonly onDocumentSelection = () => {
    if (document.activeElement === this.field) this.onSelect();
  };

  private readonly onSelect = () => {
    if (document.activeElement !== this.field) return;
    const start = this.field.selectionStart ?? 0;
    const end = this.field.selectionEnd ?? start;
    const backward = this.field.selectionDirection === 'backward';
    const anchor = Y.createRelativePositionFromTypeIndex(this.text, backward ? end : start);
    const head = Y.createRelativePositionFromTypeIndex(this.text, backward ? start : end);
    const previous = this.selection;
    this.selection = { anchor, head };
    if (previous && Y.compareRelativePositions(previous.anchor, anchor) && Y.compareRelativePositions(previous.head, head)) return;
    this.options.onSelection({ anchor: Y.relativePositionToJSON(anchor), head: Y.relativePositionToJSON(head) });
  };

  private readonly onBlur = () => {
    this.selection = null;
    this.options.onSelection(null);
  };

  /** Shows the document's text, keeping the local selection on the same characters. */
  private render(): void {
    const focused = document.activeElement === this.field;
    const kept = focused ? this.selection : null;
    const scroll = this.field.scrollTop;
    this.value = plainText(this.text);
    this.field.value = this.value;
    if (kept) {
      const anchor = Y.createAbsolutePositionFromRelativePosition(kept.anchor, this.doc)?.index ?? this.value.length;
      const head = Y.createAbsolutePositionFromRelativePosition(kept.head, this.doc)?.index ?? this.value.length;
      this.field.setSelectionRange(Math.min(anchor, head), Math.max(anchor, head), anchor > head ? 'backward' : 'forward');
    }
    this.field.scrollTop = scroll;
    this.options.onRemoteChange?.();
  }
}
