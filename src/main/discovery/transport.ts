/**
 * What discovery needs from mDNS, so that the lifecycle (index.ts) is tested
 * with a fake and only bonjour.ts touches the network.
 */
import type { AnnouncementTxt } from '../../shared/sync/lan-announcement';
import type { HeardService } from './peers';

export interface PublishRequest {
  /** The instance name, and the host name's label: the opaque announced id. */
  readonly id: string;
  readonly port: number;
  readonly txt: AnnouncementTxt;
}

export interface Publication {
  /** Sends the goodbye (records with TTL 0) and closes; resolves when done or given up. */
  stop(): Promise<void>;
}

export interface BrowseEvents {
  /** An announcement or an answer to a query (every one, so last-seen times stay fresh). */
  heard(service: HeardService): void;
  /** A goodbye for this instance name. */
  gone(name: unknown): void;
}

export interface Browsing {
  /** Asks the network again who is there (every REFRESH_MS while browsing). */
  refresh(): void;
  stop(): Promise<void>;
}

export interface MdnsTransport {
  publish(request: PublishRequest): Publication;
  browse(events: BrowseEvents): Browsing;
}
