/**
 * A server command (`npm run signal`, `npm run relay`) with its process
 * faked: output is collected, and the test sends the signals Ctrl+C or a
 * service manager would.
 */
import { expect, vi } from 'vitest';
import type { CommandIO } from '../../../src/main/net/server-command';

export function commandHarness<D extends CommandIO>(base: Omit<D, keyof CommandIO>, overrides: Partial<D> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  let handler: ((signal: NodeJS.Signals) => void) | undefined;
  const unregister = vi.fn(() => {
    handler = undefined;
  });
  const io: CommandIO = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    onSignals: (signals, h) => {
      expect(signals).toEqual(['SIGINT', 'SIGTERM']);
      handler = h;
      return unregister;
    },
  };
  // D is CommandIO plus base's fields; TypeScript cannot see that a spread of the two is one.
  const deps = { ...base, ...io, ...overrides } as D;
  return {
    deps,
    out,
    err,
    unregister,
    signal(name: NodeJS.Signals) {
      if (!handler) throw new Error('no signal handler installed');
      handler(name);
    },
    /** Resolves once the command listens for signals, that is once its server is up. */
    listening: () => vi.waitFor(() => expect(handler).toBeDefined()),
  };
}
