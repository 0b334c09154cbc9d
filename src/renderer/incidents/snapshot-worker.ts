/**
 * The worker that keeps a copy of an open incident's document and encodes
 * and stores its snapshots off the main thread (snapshots.ts says why, and
 * when the copy is trusted); it also writes the postmortem's export files.
 */
import { exportedBlobFile } from '../features/postmortem/export-content';
import { snapshotMirror, type SnapshotRequest } from './snapshots';

const answer = snapshotMirror(exportedBlobFile);
// One request at a time, in the order sent: a snapshot must follow every change sent before it.
let queue: Promise<void> = Promise.resolve();

self.onmessage = (event: MessageEvent<SnapshotRequest>) => {
  queue = queue.then(async () => {
    const reply = await answer(event.data);
    if (reply) (self as unknown as Worker).postMessage(reply);
  });
};
