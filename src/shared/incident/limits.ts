/**
 * The lengths and counts the commands accept, in a module of their own so
 * that forms checking them as they are typed (declaring, the note pad,
 * quick capture) need not load the commands with their schemas and Yjs.
 */
export const MAX_NAME = 60;
export const MAX_SYNOPSIS = 200;
export const MAX_EVENT_TEXT = 5000;
export const MAX_PERSON = 80;
/** More than a pad holds by hand; a limit so a pasted flood is refused with a reason, not written. */
export const MAX_OBSERVATIONS = 200;
