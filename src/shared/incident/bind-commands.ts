/**
 * Every command of the domain is a function `(doc, ...input, ctx)`: it
 * validates its input, then writes to that doc as the context's actor. A
 * host binds them once to whatever doc and context it acts on (the
 * renderer: the open incident, as the person at this keyboard), so a
 * command added to a command module needs no wiring in between.
 */
import type * as Y from 'yjs';
import type { CommandContext } from './commands';

/** A command's signature with the doc and the context taken away; never for anything that is not a command. */
type Bound<F> = F extends (doc: Y.Doc, ...rest: infer Rest) => infer Result
  ? Rest extends [...infer Input, CommandContext]
    ? (...input: Input) => Result
    : never
  : never;

/** The commands of a module (its functions `(doc, ...input, ctx)`), bound; its schemas, limits and helpers are left out. */
export type BoundCommands<Module> = {
  readonly [Name in keyof Module as Bound<Module[Name]> extends never ? never : Name]: Bound<Module[Name]>;
};

/**
 * Binds every command of `module` to whatever doc and context `target`
 * gives at the moment of the call (so a command bound once follows the
 * incident that is open when it runs). Only the type knows which exports
 * are commands; the other functions are bound too, but the type hides them.
 */
export function bindCommands<Module extends object>(module: Module, target: () => { doc: Y.Doc; ctx: CommandContext }): BoundCommands<Module> {
  const bound: Record<string, (...input: unknown[]) => unknown> = {};
  for (const [name, command] of Object.entries(module)) {
    if (typeof command !== 'function') continue;
    bound[name] = (...input) => {
      const { doc, ctx } = target();
      return command(doc, ...input, ctx);
    };
  }
  return bound as BoundCommands<Module>;
}
