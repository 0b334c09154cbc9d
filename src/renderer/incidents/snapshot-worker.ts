/**
 * The worker that keeps a copy of an open incident's document and encodes
 * its snapshots off the main thread (snapshots.ts says why and when the
 * copy is trusted).
 */
import { snapshotMirror, type SnapshotRequest } from './snapshots';

const answer = snapshotMirror();

self.onmessage = (event: MessageEvent<SnapshotRequest>) => {
  const reply = answer(event.data);
  if (reply?.kind === 'encoded') (self as unknown as Worker).postMessage(reply, [reply.bytes.buffer, reply.stateVector.buffer]);
  else if (reply) (self as unknown as Worker).postMessage(reply);
};
