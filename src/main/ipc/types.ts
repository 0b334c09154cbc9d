import type { IpcMainInvokeEvent } from 'electron';
import type { InvokeArgs, InvokeChannel, InvokeResult } from '../../shared/ipc';

/** One handler, typed by its channel's entry in invokeContract. */
export type InvokeHandler<C extends InvokeChannel> = (
  event: IpcMainInvokeEvent,
  ...args: InvokeArgs<C>
) => InvokeResult<C> | Promise<InvokeResult<C>>;

/**
 * Exactly one handler per channel of invokeContract: a channel added to the
 * contract without a handler, or a handler for a channel that is not in it,
 * is a type error wherever a handler map is built.
 */
export type InvokeHandlers = { readonly [C in InvokeChannel]: InvokeHandler<C> };
