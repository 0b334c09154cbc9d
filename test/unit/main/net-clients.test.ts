/**
 * Who a connection counts against (src/main/net/clients.ts), and that the
 * table of clients holds nothing for a client once it has nothing open.
 */
import { describe, expect, it } from 'vitest';
import { clientAddress, ClientTable } from '../../../src/main/net/clients';

describe('clientAddress', () => {
  it('writes an IPv4 peer of a dual-stack listener as plain IPv4, so it is one client either way', () => {
    expect(clientAddress('::ffff:192.168.1.20')).toBe('192.168.1.20');
    expect(clientAddress('::FFFF:127.0.0.1')).toBe('127.0.0.1');
    expect(clientAddress('192.168.1.20')).toBe('192.168.1.20');
  });

  it('keeps each IPv6 address apart (a LAN is one /64), in lower case', () => {
    expect(clientAddress('FE80::1%eth0')).toBe('fe80::1%eth0');
    expect(clientAddress('2001:db8::1')).not.toBe(clientAddress('2001:db8::2'));
    expect(clientAddress('::1')).toBe('::1');
    // Not an IPv4-mapped address: left as it is.
    expect(clientAddress('::ffff:1:2')).toBe('::ffff:1:2');
  });
});

describe('ClientTable', () => {
  it('counts sockets and connections per client, and forgets a client once both are gone, in either order', () => {
    const table = new ClientTable<string>();
    table.socketOpened('a');
    table.socketOpened('a');
    table.connectionOpened('a', 'ws-1');
    table.socketOpened('b');
    expect([table.size, table.socketsOf('a'), [...table.connectionsOf('a')]]).toEqual([2, 2, ['ws-1']]);

    // The TCP socket closes before the WebSocket is released...
    table.socketClosed('a');
    table.socketClosed('a');
    expect(table.size).toBe(2);
    table.connectionClosed('a', 'ws-1');
    // ...or after it.
    table.connectionOpened('b', 'ws-2');
    table.connectionClosed('b', 'ws-2');
    expect(table.size).toBe(1);
    table.socketClosed('b');
    expect(table.size).toBe(0);
    expect([table.socketsOf('a'), table.connectionsOf('a').size]).toEqual([0, 0]);
  });

  it('ignores closes of a client it does not know', () => {
    const table = new ClientTable<string>();
    table.socketClosed('x');
    table.connectionClosed('x', 'ws');
    expect(table.size).toBe(0);
  });
});
