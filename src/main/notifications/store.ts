/**
 * The delivered deadline keys, kept in notifications.json in Electron's
 * userData so a restart never shows a notification twice.
 *
 * The file is a record of what was already said, nothing the user wrote: a
 * damaged one is logged and replaced (the worst it costs is a deadline of
 * the last hour notified again), never allowed to stop the app. Writes go to
 * a temporary file renamed over the old one, and coalesce: while one write
 * runs, further changes wait for the next, so a burst of deadlines is one or
 * two writes.
 */
import { dirname } from 'node:path';
import { deliveredKeys, parseDelivered, serializeDelivered } from '../../shared/notifications/delivered';
import type { DeliveredKeys } from '../../shared/notifications/scheduler';

/** In Electron's userData directory. */
export const NOTIFICATIONS_FILE_NAME = 'notifications.json';

export interface NotificationFiles {
  /** Rejects with code ENOENT when there is no file. */
  readFile(path: string): Promise<string>;
  writeFile(path: string, text: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  mkdir(path: string): Promise<void>;
}

export interface DeliveredStoreDeps {
  path: string;
  files: NotificationFiles;
  now: () => number;
  logError: (message: string, error?: unknown) => void;
}

export interface DeliveredStore extends DeliveredKeys {
  /** Resolves once everything added so far is on disk (or failed and was logged). */
  flushed(): Promise<void>;
}

export async function openDeliveredStore(deps: DeliveredStoreDeps): Promise<DeliveredStore> {
  const { path, files } = deps;
  let initial = new Map<string, number>();
  try {
    const parsed = parseDelivered(await files.readFile(path));
    if (parsed.ok) initial = parsed.entries;
    else deps.logError(`notifications: ${path} is damaged (${parsed.reason}); it will be rewritten.`);
  } catch (error) {
    if (!isMissing(error)) deps.logError(`notifications: ${path} could not be read; it will be rewritten.`, error);
  }

  let writing: Promise<void> | null = null;
  let dirty = false;

  const writeOnce = async (): Promise<void> => {
    const partial = `${path}.partial`;
    await files.mkdir(dirname(path));
    await files.writeFile(partial, serializeDelivered(keys.entries()));
    await files.rename(partial, path);
  };

  const schedule = (): Promise<void> => {
    dirty = true;
    if (writing) return writing;
    writing = (async () => {
      while (dirty) {
        dirty = false;
        try {
          await writeOnce();
        } catch (error) {
          deps.logError(`notifications: could not save ${path}`, error);
        }
      }
      writing = null;
    })();
    return writing;
  };

  const keys = deliveredKeys(initial, deps.now(), () => void schedule());

  return {
    has: keys.has,
    add: keys.add,
    flushed: () => writing ?? Promise.resolve(),
  };
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
