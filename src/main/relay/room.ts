/**
 * One room of the relay: the Yjs document and the presence of everyone
 * connected to it, kept in memory while anyone is, and the standard
 * y-websocket messages that keep them in step.
 *
 * Every message is a varUint message type, then its body (lib0 encoding):
 *
 *   0 sync             a y-protocols sync message: step 1 (a state vector;
 *                      answered with step 2, what the sender lacks), step 2
 *                      or an update (applied here, then passed to everyone
 *                      else in the room)
 *   1 awareness        a y-protocols awareness update (presence), applied
 *                      here and passed to everyone in the room, the sender
 *                      included: y-websocket clients count those echoes as
 *                      signs of life and reconnect after 30 s without any
 *   2 auth             only ever sent by servers; ignored
 *   3 query awareness  answered with the presence of everyone in the room
 *
 * A newcomer gets the room's document (sync step 1 from the room, which it
 * answers with what the room lacks, and step 2 in answer to its own step 1)
 * and everyone's presence. When a connection leaves, the presence it brought
 * is removed for the others.
 *
 * Anything that cannot be decoded, or an update Yjs refuses, is reported to
 * the caller as malformed (the server closes that connection); the room and
 * everyone else in it carry on.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** What the room needs of a connection: a way to send it bytes. */
export interface RoomMember {
  send(message: Uint8Array): void;
}

export type Received = 'ok' | 'malformed';

export class RelayRoom {
  private readonly doc = new Y.Doc();
  private readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Each member, with the awareness client ids it brought (removed when it leaves). */
  private readonly members = new Map<RoomMember, Set<number>>();

  constructor(readonly name: string) {
    // The relay is not a participant: it has no presence of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      const message = encode((e) => {
        encoding.writeVarUint(e, MESSAGE_SYNC);
        syncProtocol.writeUpdate(e, update);
      });
      // The sender has it already.
      for (const member of this.members.keys()) if (member !== origin) member.send(message);
    });
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      const brought = this.members.get(origin as RoomMember);
      if (brought) {
        for (const id of added) brought.add(id);
        for (const id of removed) brought.delete(id);
      }
      const message = this.awarenessMessage([...added, ...updated, ...removed]);
      for (const member of this.members.keys()) member.send(message);
    });
  }

  get size(): number {
    return this.members.size;
  }

  /** Sends the newcomer the room's state vector and everyone's presence. */
  join(member: RoomMember): void {
    this.members.set(member, new Set());
    member.send(
      encode((e) => {
        encoding.writeVarUint(e, MESSAGE_SYNC);
        syncProtocol.writeSyncStep1(e, this.doc);
      }),
    );
    const present = [...this.awareness.getStates().keys()];
    if (present.length > 0) member.send(this.awarenessMessage(present));
  }

  /** Forgets a member and tells the others its presence is gone. */
  leave(member: RoomMember): void {
    const brought = this.members.get(member);
    if (!brought) return;
    this.members.delete(member);
    if (brought.size > 0 && this.members.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...brought], null);
  }

  receive(member: RoomMember, data: Uint8Array): Received {
    if (!this.members.has(member)) return 'ok';
    try {
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MESSAGE_SYNC:
          return this.receiveSync(member, decoder);
        case MESSAGE_AWARENESS:
          awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), member);
          return 'ok';
        case MESSAGE_QUERY_AWARENESS:
          member.send(this.awarenessMessage([...this.awareness.getStates().keys()]));
          return 'ok';
        case MESSAGE_AUTH:
          return 'ok';
        default:
          return 'malformed';
      }
    } catch {
      return 'malformed';
    }
  }

  /** Frees the document and stops the awareness timer. */
  destroy(): void {
    this.members.clear();
    this.awareness.destroy();
    this.doc.destroy();
  }

  private receiveSync(member: RoomMember, decoder: decoding.Decoder): Received {
    const kind = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (kind === syncProtocol.messageYjsSyncStep1) {
      // Fails on a malformed state vector before anything is sent.
      const update = Y.encodeStateAsUpdate(this.doc, payload);
      member.send(
        encode((e) => {
          encoding.writeVarUint(e, MESSAGE_SYNC);
          encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
          encoding.writeVarUint8Array(e, update);
        }),
      );
      return 'ok';
    }
    if (kind === syncProtocol.messageYjsSyncStep2 || kind === syncProtocol.messageYjsUpdate) {
      // Applied with the member as origin, so the update handler skips it.
      Y.applyUpdate(this.doc, payload, member);
      return 'ok';
    }
    return 'malformed';
  }

  private awarenessMessage(clients: number[]): Uint8Array {
    return encode((e) => {
      encoding.writeVarUint(e, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
    });
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

function encode(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}
