import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { invokeContract } from '../../shared/ipc';
import type { TrustedSenderCheck } from '../security/trusted-sender';
import type { Contract, HandlersOf, InvokeHandlers } from './types';

export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;

/**
 * The error an invoke rejects with. Electron passes only the message to the
 * renderer ("Error invoking remote method '<channel>': Error: ..."), so the
 * message says which channel and why, and nothing more.
 */
export class IpcRequestError extends Error {
  constructor(channel: string, reason: string) {
    super(`${channel}: ${reason}`);
    this.name = 'IpcRequestError';
  }
}

/**
 * Registers one ipcMain.handle per channel of a contract (the main window's
 * invokeContract unless told otherwise), each of which
 * 1. refuses senders that isTrustedSender rejects (before looking at the payload),
 * 2. validates the arguments against the channel's zod tuple (extra or missing
 *    arguments are rejected too),
 * 3. calls the handler with the parsed arguments, and
 * 4. validates what the handler returns, so main cannot send the renderer
 *    something the contract does not promise.
 *
 * Returns a function that removes the handlers again.
 */
export function registerInvokeHandlers(ipcMain: IpcMainLike, handlers: InvokeHandlers, isTrustedSender: TrustedSenderCheck): () => void;
export function registerInvokeHandlers<C extends Contract>(
  ipcMain: IpcMainLike,
  handlers: HandlersOf<C>,
  isTrustedSender: TrustedSenderCheck,
  contract: C,
): () => void;
export function registerInvokeHandlers(
  ipcMain: IpcMainLike,
  handlers: object,
  isTrustedSender: TrustedSenderCheck,
  contract: Contract = invokeContract,
): () => void {
  const channels = Object.keys(contract);
  for (const channel of channels) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...rawArgs: unknown[]) =>
      dispatch(contract, channel, handlers as Record<string, unknown>, isTrustedSender, event, rawArgs),
    );
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

async function dispatch(
  contract: Contract,
  channel: string,
  handlers: Record<string, unknown>,
  isTrustedSender: TrustedSenderCheck,
  event: IpcMainInvokeEvent,
  rawArgs: unknown[],
): Promise<unknown> {
  if (!isTrustedSender(event)) throw new IpcRequestError(channel, 'rejected: the sender is not the Command Post window');

  const { args, result } = contract[channel]!;
  const parsedArgs = args.safeParse(rawArgs);
  if (!parsedArgs.success) {
    throw new IpcRequestError(channel, `invalid arguments: ${z.prettifyError(parsedArgs.error)}`);
  }

  // The map is keyed by the same channel, so the parsed tuple fits its
  // handler; TypeScript cannot correlate the two through a union index.
  const handler = handlers[channel] as unknown as (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;
  const value = await handler(event, ...parsedArgs.data);

  const parsedResult = result.safeParse(value);
  if (!parsedResult.success) {
    throw new IpcRequestError(channel, `handler returned an invalid result: ${z.prettifyError(parsedResult.error)}`);
  }
  return parsedResult.data;
}
