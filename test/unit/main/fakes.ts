/**
 * Hand-written stand-ins for the Electron objects main talks to. They model
 * only the behaviour the modules under test rely on (and the parts of
 * Electron's behaviour that matter for it, such as ipcMain refusing a second
 * handler for a channel), and are cast to Electron's types at the boundary.
 */
import type { IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';

type Listener = (...args: never[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    const wrapped = (...args: never[]): unknown => {
      this.removeListener(event, wrapped);
      return listener(...args);
    };
    return this.on(event, wrapped);
  }

  removeListener(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) (listener as (...a: unknown[]) => unknown)(...args);
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** A cancellable event as Electron passes to will-navigate and friends. */
export interface FakeEvent {
  url: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(url = ''): FakeEvent {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export interface FakeFrameInit {
  url: string;
  frameTreeNodeId?: number;
  parent?: WebFrameMain | null;
  destroyed?: boolean;
}

export function fakeFrame(init: FakeFrameInit): WebFrameMain {
  return {
    url: init.url,
    frameTreeNodeId: init.frameTreeNodeId ?? 1,
    parent: init.parent ?? null,
    isDestroyed: () => init.destroyed ?? false,
  } as unknown as WebFrameMain;
}

export function fakeWebContents(url: string, frameTreeNodeId = 1): WebContents {
  return { mainFrame: fakeFrame({ url, frameTreeNodeId }), isDestroyed: () => false } as unknown as WebContents;
}

export function fakeInvokeEvent(sender: WebContents, senderFrame: WebFrameMain | null = sender.mainFrame): IpcMainInvokeEvent {
  return { sender, senderFrame } as unknown as IpcMainInvokeEvent;
}

type InvokeListener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

/** ipcMain.handle/removeHandler, plus an invoke() that plays the renderer. */
export class FakeIpcMain {
  readonly handlers = new Map<string, InvokeListener>();

  handle(channel: string, listener: InvokeListener): void {
    // Electron throws on a second registration; so must the fake.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  async invoke(channel: string, event: IpcMainInvokeEvent, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    return listener(event, ...args);
  }
}
