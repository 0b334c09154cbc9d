import type { IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import type { captureContract, Contract, invokeContract } from '../../shared/ipc';

export type { Contract } from '../../shared/ipc';

/** One handler, typed by its channel's entry in a contract: the parsed arguments in, the result out. */
export type ContractHandler<C extends Contract, K extends keyof C> = (
  event: IpcMainInvokeEvent,
  ...args: z.infer<C[K]['args']>
) => z.infer<C[K]['result']> | Promise<z.infer<C[K]['result']>>;

/**
 * Exactly one handler per channel of a contract: a channel added to the
 * contract without a handler, or a handler for a channel that is not in it,
 * is a type error wherever a handler map is built.
 */
export type HandlersOf<C extends Contract> = { readonly [K in keyof C]: ContractHandler<C, K> };

/** The main window's calls. */
export type InvokeHandlers = HandlersOf<typeof invokeContract>;

/** The quick-capture window's calls. */
export type CaptureHandlers = HandlersOf<typeof captureContract>;
