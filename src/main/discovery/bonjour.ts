/**
 * mDNS through bonjour-service (a maintained DNS-SD implementation over
 * multicast-dns). No Electron here: this runs in the desktop app's main
 * process and under plain Node in the LAN test.
 *
 * Interfaces. multicast-dns, left to itself, joins the group on every
 * interface but sends through the routing table's choice, which on an
 * air-gapped LAN with no default route is no interface at all (ENETUNREACH).
 * So every socket here is pinned to one of this machine's LAN IPv4 addresses
 * (settings.ts's discoveryInterfaces: no loopback, no container, VM or VPN
 * interfaces), the first MAX_INTERFACES of them, and announces and asks there. A machine with none
 * announces nothing and finds nothing, and says so; a send that fails is
 * reported through onError, never thrown.
 *
 * One Bonjour instance per share and interface: bonjour-service removes
 * records by name, and every service of a type shares its PTR record's name,
 * so stopping one of two services published by the same instance would stop
 * it answering for the other.
 *
 * Browsing. bonjour-service's Browser reports a service once ('up') and then
 * only its changes; it never notices a machine that stopped answering (it
 * expires on the PTR record's TTL, 28,800 s). So browsing asks again every
 * REFRESH_MS with a fresh Browser (which reports every answer as new) and
 * keeps the previous one a round longer (so a goodbye for a service only it
 * has seen still counts); peers.ts forgets who stops answering. A fresh
 * Browser each round also bounds what a flood of services can pile up in
 * the library's own list.
 */
import { Bonjour, type Browser, type Service } from 'bonjour-service';
import { DISCOVERY_SERVICE_TYPE } from '../../shared/sync/lan-announcement';
import type { BrowseEvents, Browsing, MdnsTransport, Publication, PublishRequest } from './transport';

export const MAX_INTERFACES = 4;
const STOP_TIMEOUT_MS = 1_000;

export interface BonjourTransportOptions {
  /** This machine's LAN IPv4 addresses, in preference order. */
  interfaces: readonly string[];
  onError: (error: unknown) => void;
  /** Another mDNS port, for tests only (the network's is 5353). */
  port?: number;
}

function instance(address: string, options: BonjourTransportOptions): Bonjour {
  const bonjour = new Bonjour(
    { interface: address, bind: '0.0.0.0', ...(options.port ? { port: options.port } : {}) } as ConstructorParameters<typeof Bonjour>[0],
    (error: unknown) => options.onError(error),
  );
  // multicast-dns emits 'error' when its socket cannot bind (another program
  // holds UDP 5353 without sharing it, EADDRINUSE; or EACCES), and
  // bonjour-service does not listen for it, so unhandled it would take the
  // whole main process down. Its socket is not public; reach it, and if a
  // later version moves it, the LAN test's "port held" case fails.
  const mdns = (bonjour as unknown as { server?: { mdns?: { on(event: 'error', listener: (error: unknown) => void): void } } }).server?.mdns;
  mdns?.on('error', (error) => options.onError(error));
  return bonjour;
}

function destroyed(bonjour: Bonjour): Promise<void> {
  return withTimeout(new Promise<void>((resolve) => bonjour.destroy(() => resolve())));
}

function withTimeout(promise: Promise<void>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_TIMEOUT_MS)))]).finally(() => clearTimeout(timer));
}

export function createBonjourTransport(options: BonjourTransportOptions): MdnsTransport {
  const addresses = options.interfaces.slice(0, MAX_INTERFACES);
  return {
    publish(request: PublishRequest): Publication {
      const published = addresses.map((address) => {
        const bonjour = instance(address, options);
        try {
          bonjour.publish({
            name: request.id,
            type: DISCOVERY_SERVICE_TYPE,
            protocol: 'tcp',
            port: request.port,
            // Never os.hostname() (the library's default), which often names a person.
            host: `${request.id}.local`,
            txt: { ...request.txt },
            // The name is 128 random bits: nobody else has it, so no probing (it costs 750 ms).
            probe: false,
            disableIPv6: true,
          });
        } catch (error) {
          options.onError(error);
        }
        return bonjour;
      });
      let stopping: Promise<void> | undefined;
      return {
        stop() {
          stopping ??= Promise.all(
            published.map(async (bonjour) => {
              await withTimeout(new Promise<void>((resolve) => bonjour.unpublishAll(() => resolve())));
              await destroyed(bonjour);
            }),
          ).then(() => undefined);
          return stopping;
        },
      };
    },

    browse(events: BrowseEvents): Browsing {
      const sockets = addresses.map((address) => instance(address, options));
      let current: Browser[] = [];
      let previous: Browser[] = [];
      let stopped = false;

      const round = () => {
        for (const browser of previous) browser.stop();
        previous = current;
        current = sockets.map((bonjour) => {
          const browser = bonjour.find({ type: DISCOVERY_SERVICE_TYPE, protocol: 'tcp' });
          const heard = (service: Service) => events.heard(service);
          browser.on('up', heard);
          browser.on('txt-update', heard);
          browser.on('srv-update', heard);
          browser.on('down', (service: Service) => events.gone(service.name));
          return browser;
        });
      };
      round();
      return {
        refresh() {
          if (!stopped) round();
        },
        async stop() {
          if (stopped) return;
          stopped = true;
          for (const browser of [...previous, ...current]) browser.stop();
          await Promise.all(sockets.map(destroyed));
        },
      };
    },
  };
}
