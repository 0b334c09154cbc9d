/**
 * Keeps every window of this browser (or of the desktop app) that has the
 * same incident open in step, whether or not the incident is shared: the
 * observer's status window follows the main window's edits as they are
 * made, and two tabs on one incident see each other's entries.
 *
 * A BroadcastChannel per incident carries each local change as its Yjs
 * update; a window that opens the incident says what it has (its state
 * vector) and the others answer with what it lacks. Same origin only, never
 * the network: sharing with other machines is IncidentSync's.
 */
import * as Y from 'yjs';
import { STORAGE_ORIGIN } from './stored-records';

/** Transaction origin of updates from another window of this machine. */
export const MIRROR_ORIGIN = 'command-post:mirror';

type Message =
  | { readonly type: 'update'; readonly update: Uint8Array }
  | { readonly type: 'hello'; readonly vector: Uint8Array; readonly reply: boolean }
  | { readonly type: 'state'; readonly update: Uint8Array };

function isMessage(data: unknown): data is Message {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Record<string, unknown>;
  if (m.type === 'update' || m.type === 'state') return m.update instanceof Uint8Array;
  return m.type === 'hello' && m.vector instanceof Uint8Array && typeof m.reply === 'boolean';
}

export class LocalMirror {
  private readonly channel: BroadcastChannel;
  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    // What came from storage every window read for itself; what came from another window, it has.
    if (origin === MIRROR_ORIGIN || origin === STORAGE_ORIGIN) return;
    this.post({ type: 'update', update });
  };

  /** `scope`: the database the incident is kept in; windows that share it share its incidents. */
  constructor(
    private readonly doc: Y.Doc,
    scope: string,
  ) {
    this.channel = new BroadcastChannel(`command-post:${scope}:incident:${doc.guid}`);
    this.channel.onmessage = (event: MessageEvent) => this.receive(event.data);
    doc.on('update', this.onUpdate);
    this.post({ type: 'hello', vector: Y.encodeStateVector(doc), reply: true });
  }

  destroy(): void {
    this.doc.off('update', this.onUpdate);
    this.channel.close();
  }

  private post(message: Message): void {
    try {
      this.channel.postMessage(message);
    } catch {
      // A closed channel (the window is going away): nothing to keep in step any more.
    }
  }

  private receive(data: unknown): void {
    if (!isMessage(data)) return;
    try {
      if (data.type === 'hello') {
        const missing = Y.encodeStateAsUpdate(this.doc, data.vector);
        // An empty update is two bytes: nothing they lack.
        if (missing.length > 2) this.post({ type: 'state', update: missing });
        if (data.reply) this.post({ type: 'hello', vector: Y.encodeStateVector(this.doc), reply: false });
      } else {
        Y.applyUpdate(this.doc, data.update, MIRROR_ORIGIN);
      }
    } catch (error) {
      // Another window of this app sent it: damage here is a bug, never a reason to stop.
      console.error('[command-post] a change from another window could not be applied:', error);
    }
  }
}

/** Mirrors the doc while it lives, where the platform has BroadcastChannel. */
export function mirrorLocally(doc: Y.Doc, scope: string): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const mirror = new LocalMirror(doc, scope);
  doc.on('destroy', () => mirror.destroy());
}
