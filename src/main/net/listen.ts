/**
 * Listening on a port, for the servers a command post runs (signaling, the
 * relay). No Electron here: they also run under plain Node.
 */
import type { Server } from 'node:http';
import { isIP } from 'node:net';

/** Resolves once the server listens; rejects with the listen error (port taken...) otherwise. */
export function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ host, port });
  });
}

/** The port actually bound (the requested one unless it was 0). */
export function boundPort(server: Server, requested: number): number {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : requested;
}

/** A Node error's code (EADDRINUSE, EACCES...), if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

/**
 * Why a server could not listen, in words. `occupant` says who probably
 * holds a taken port ("another command post or signaling server").
 */
export function listenFailureReason(host: string, port: number, cause: unknown, occupant: string): string {
  const code = errorCode(cause);
  if (code === 'EADDRINUSE') return `port ${port} is already in use on ${host} (${occupant} is probably running there)`;
  if (code === 'EACCES') return `not allowed to listen on ${host}:${port} (ports below 1024 need privileges)`;
  if (code === 'EADDRNOTAVAIL') return `${host} is not an address of this machine`;
  return cause instanceof Error ? cause.message : String(cause);
}

/** The URL a client on this machine uses to reach a server bound to host:port (loopback for every-interface binds). */
export function clientUrl(host: string, port: number): string {
  const connectable = host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `ws://${connectable.includes(':') ? `[${connectable}]` : connectable}:${port}`;
}

/** Throws a RangeError, naming the server, unless port is one (0 picks a free one). */
export function requirePort(port: number, server: string): void {
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(`${server}: ${String(port)} is not a port (0 to 65535).`);
  }
}

/** The address a --host flag names (127.0.0.1 when absent); throws, saying what to write, unless it is an IP address. */
export function hostFromFlag(value: string | undefined): string {
  const host = value?.trim() ?? '127.0.0.1';
  if (isIP(host) === 0) {
    throw new Error(`--host=${JSON.stringify(value)} is not an IP address: use 127.0.0.1 (this machine only) or 0.0.0.0 (every interface), or one of this machine's addresses.`);
  }
  return host;
}
