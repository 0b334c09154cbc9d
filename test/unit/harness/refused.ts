import { expect } from 'vitest';
import { CommandError } from '../../../src/shared/incident';

/** Runs a command that must be refused, and returns the error it threw (its message and its field). */
export function refusedWith(command: () => unknown): CommandError {
  try {
    command();
  } catch (error) {
    expect(error).toBeInstanceOf(CommandError);
    return error as CommandError;
  }
  throw new Error('expected the command to be refused, but it succeeded');
}

/** Runs a command that must be refused, and returns the message the user would read. */
export function refused(command: () => unknown): string {
  return refusedWith(command).message;
}
