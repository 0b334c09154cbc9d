/**
 * Why an update was not installed. Every refusal carries a message written
 * for the responder who asked for the update (shown as is in a dialog), and
 * a kind the code and the tests can tell apart without parsing words.
 */
export type RefusalKind =
  | 'no-signing-key'
  | 'bad-signing-key'
  | 'no-signature'
  | 'malformed-signature'
  | 'wrong-key'
  | 'wrong-file'
  | 'altered-file'
  | 'not-newer'
  | 'version-mismatch'
  | 'not-a-file'
  | 'too-large'
  | 'no-feed-file'
  | 'not-installable';

export class UpdateRefused extends Error {
  constructor(
    readonly kind: RefusalKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UpdateRefused';
  }
}

/** Said after every refusal: what the responder can still do. */
export const INSTALL_BY_HAND_HINT = 'To update anyway, run the installer of the new version yourself, from a copy you trust.';
