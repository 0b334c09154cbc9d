/**
 * An incident's connections to the relays its share lists (`npm run relay`,
 * or any standard y-websocket server), next to the WebRTC mesh: for a
 * response with more participants than a mesh holds, every participant keeps
 * one connection to the relay, which passes each change on. Both carry the
 * same doc and the same presence, and a machine on both bridges the two.
 *
 * The relay reads what it carries (y-websocket has no end-to-end
 * encryption). The room it is asked for is a SHA-256 of the share's secret
 * and the incident id, so the relay, and anyone watching it, learns neither,
 * and only invitees can find the room.
 */
import { messageSync, WebsocketProvider } from 'y-websocket';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';

export interface RelayState {
  /** Relays the share lists. */
  readonly total: number;
  /** Relays this machine is connected to now. */
  readonly up: number;
  /** Every connected relay has sent us everything it has. */
  readonly synced: boolean;
}

export interface RelayLinkOptions {
  readonly secret: string;
  readonly incidentId: string;
  readonly urls: readonly string[];
  /** Called whenever a connection opens, closes or finishes syncing. */
  readonly onChange: () => void;
  /** The WebSocket class (the browser's; tests under Node pass `ws`). */
  readonly WebSocket?: typeof WebSocket;
}

/** The relay room of an incident: hex SHA-256 of a label, the incident id and the secret. */
export async function relayRoomName(secret: string, incidentId: string): Promise<string> {
  const input = new TextEncoder().encode(`command-post relay room\n${incidentId}\n${secret}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', input));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export class RelayLinks {
  private readonly providers = new Map<string, WebsocketProvider>();
  private readonly room: Promise<string>;
  private urls: string[];
  private paused = false;
  private destroyed = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly awareness: Awareness,
    private readonly options: RelayLinkOptions,
  ) {
    this.urls = [...options.urls];
    this.room = relayRoomName(options.secret, options.incidentId);
    // WebCrypto exists only in secure contexts (the app, or a page on
    // localhost); without it the relay stays unconnected, as y-webrtc's
    // encrypted signaling would.
    this.room.catch((error: unknown) => console.warn('Command Post: no relay room without WebCrypto', error));
    if (this.urls.length) void this.reconcile();
  }

  get state(): RelayState {
    const providers = [...this.providers.values()];
    const up = providers.filter((p) => p.wsconnected);
    return { total: this.urls.length, up: up.length, synced: up.every((p) => p.synced) };
  }

  /** Connects to these relays (and no others), keeping connections that stay. */
  setUrls(urls: readonly string[]): void {
    this.urls = [...urls];
    void this.reconcile();
    this.options.onChange();
  }

  pause(): void {
    this.paused = true;
    for (const provider of this.providers.values()) provider.disconnect();
    this.options.onChange();
  }

  resume(): void {
    this.paused = false;
    for (const provider of this.providers.values()) provider.connect();
    this.options.onChange();
  }

  /** Asks every connected relay for what this machine lacks (it answers with it). */
  exchange(): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    const message = encoding.toUint8Array(encoder);
    for (const provider of this.providers.values()) {
      const ws = provider.ws;
      if (provider.wsconnected && ws && ws.readyState === ws.OPEN) ws.send(message);
    }
  }

  /**
   * Connects to every relay again: a relay sends nothing unasked, so a
   * relay that lacks something of ours gets it only in the exchange a new
   * connection starts with.
   */
  reconnect(): void {
    if (this.paused) return;
    for (const provider of this.providers.values()) {
      provider.disconnect();
      provider.connect();
    }
    this.options.onChange();
  }

  destroy(): void {
    this.destroyed = true;
    for (const provider of this.providers.values()) provider.destroy();
    this.providers.clear();
  }

  private async reconcile(): Promise<void> {
    const room = await this.room.catch(() => null);
    if (this.destroyed || room === null) return;
    for (const [url, provider] of this.providers) {
      if (this.urls.includes(url)) continue;
      provider.destroy();
      this.providers.delete(url);
    }
    for (const url of this.urls) {
      if (!this.providers.has(url)) this.providers.set(url, this.open(url, room));
    }
    this.options.onChange();
  }

  private open(url: string, room: string): WebsocketProvider {
    const provider = new WebsocketProvider(url, room, this.doc, {
      awareness: this.awareness,
      connect: !this.paused,
      // Tabs of one browser already meet through y-webrtc's BroadcastChannel.
      disableBc: true,
      ...(this.options.WebSocket ? { WebSocketPolyfill: this.options.WebSocket } : {}),
    });
    provider.on('status', () => this.options.onChange());
    provider.on('sync', () => this.options.onChange());
    return provider;
  }
}
