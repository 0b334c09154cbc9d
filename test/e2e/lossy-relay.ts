import * as decoding from 'lib0/decoding';
import { WebSocket, WebSocketServer, type RawData } from 'ws';

/**
 * A relay in front of the real one that loses a client's changes: it passes
 * everything on both ways, except, while `losing` is set, the sync messages
 * that carry changes from the client (Hocuspocus frames them as the room's
 * name, then varUint 0, sync, then 1, step 2, or 2, update). Presence and state vectors still go
 * through, so the client's peers hear what it holds and never receive it: a
 * difference no exchange can close, as a broken network path would leave.
 * The first `sparing` connections lose nothing: with every machine on this
 * one address (so that none learns another way in from the others), only
 * those that connected later are cut off.
 */
export interface LossyRelay {
  readonly url: string;
  losing: boolean;
  sparing: number;
  close(): Promise<void>;
}

export async function lossyRelay(upstream: string): Promise<LossyRelay> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const relay: LossyRelay = {
    url: `ws://127.0.0.1:${(server.address() as { port: number }).port}`,
    losing: false,
    sparing: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
  let connections = 0;
  server.on('connection', (client, request) => {
    const ordinal = connections++;
    const onward = new WebSocket(upstream + (request.url ?? '/'));
    const pending: RawData[] = [];
    onward.on('open', () => pending.splice(0).forEach((data) => onward.send(data)));
    onward.on('message', (data, binary) => client.send(data, { binary }));
    client.on('message', (data: RawData) => {
      if (relay.losing && ordinal >= relay.sparing && carriesChanges(new Uint8Array(data as Buffer))) return;
      if (onward.readyState === WebSocket.OPEN) onward.send(data);
      else pending.push(data);
    });
    const closeBoth = () => {
      client.terminate();
      onward.terminate();
    };
    client.on('close', closeBoth);
    onward.on('close', closeBoth);
    client.on('error', closeBoth);
    onward.on('error', closeBoth);
  });
  return relay;
}

/** A sync step 2 or an update, from a client: what the lossy path loses. */
function carriesChanges(bytes: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(bytes);
    decoding.readVarString(decoder);
    if (decoding.readVarUint(decoder) !== 0) return false;
    const step = decoding.readVarUint(decoder);
    return step === 1 || step === 2;
  } catch {
    return false;
  }
}
