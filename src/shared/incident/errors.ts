/**
 * A command refused: the message is written for the person at the keyboard,
 * and `field` names the input it is about, when there is one.
 */
export class CommandError extends Error {
  override readonly name = 'CommandError';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
