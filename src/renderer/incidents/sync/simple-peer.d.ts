/**
 * Just enough of simple-peer 9 for chunked-peer.ts (no types ship with it and
 * @types/simple-peer is not installed). 'simple-peer/simplepeer.min' is the
 * browserified build y-webrtc itself uses, spelled without its extension so
 * that the Vite alias for y-webrtc's 'simple-peer/simplepeer.min.js' does not
 * send our own import back to chunked-peer.ts.
 */
declare module 'simple-peer/simplepeer.min' {
  export interface SimplePeerOptions {
    initiator?: boolean;
    config?: RTCConfiguration;
    channelConfig?: RTCDataChannelInit;
    trickle?: boolean;
    /** { RTCPeerConnection, RTCSessionDescription, RTCIceCandidate } outside a browser. */
    wrtc?: object;
    [option: string]: unknown;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- event payloads vary by event name
  type Listener = (...args: any[]) => void;

  export default class SimplePeer {
    constructor(opts?: SimplePeerOptions);
    static readonly WEBRTC_SUPPORT: boolean;
    initiator: boolean;
    readonly destroyed: boolean;
    readonly destroying: boolean;
    /** The data channel; null until set up and after destroy. */
    _channel: RTCDataChannel | null;
    /** The peer connection; null after destroy. */
    _pc: RTCPeerConnection | null;
    /** True once 'connect' has been emitted. */
    _connected: boolean;
    /** Watches _channel for Chrome's stuck "closing" state; set by _setupData. */
    _closingInterval: ReturnType<typeof setInterval> | null;
    /** Takes a channel into use: wires its events to this peer. */
    _setupData(event: { channel: RTCDataChannel }): void;
    signal(data: unknown): void;
    send(data: string | Blob | ArrayBuffer | ArrayBufferView): void;
    destroy(err?: Error): void;
    on(event: string, listener: Listener): this;
    once(event: string, listener: Listener): this;
    off(event: string, listener: Listener): this;
    removeListener(event: string, listener: Listener): this;
    emit(event: string, ...args: unknown[]): boolean;
    _destroy(err: Error | null | undefined, cb: (err?: Error | null) => void): void;
    _onChannelMessage(event: { data: unknown }): void;
    _onChannelBufferedAmountLow(): void;
    _onInterval(): void;
  }
}
