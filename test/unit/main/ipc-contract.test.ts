/**
 * An IPC call is declared once, in src/shared/ipc.ts, and the compiler holds
 * main's handler map, the preload bridges and the renderer's hosts to it.
 *
 * The functions named `_…` below are never called: they exist to be
 * compiled (tsconfig.test.json covers test/**). Each `@ts-expect-error`
 * marks a mistake the typecheck must refuse. Should a check stop working (a
 * type widened to `any`, a `satisfies` dropped, the contract no longer
 * `as const`), that mistake compiles, its directive is left unused, and
 * `npm run typecheck` fails on it. The run-time tests check what types
 * cannot: that no two channels claim the same bridge function.
 */
import type { IpcRendererEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createBridge, contractInvoke, type IpcRendererLike } from '../../../src/preload/bridge';
import { createCaptureBridge } from '../../../src/preload/capture-bridge';
import type { CaptureHandlers, HandlersOf, InvokeHandlers } from '../../../src/main/ipc/types';
import type { Host } from '../../../src/renderer/host/types';
import {
  captureContract,
  invokeContract,
  type BridgeCalls,
  type CaptureBridge,
  type CommandPostBridge,
  type Contract,
  type Intent,
} from '../../../src/shared/ipc';

/** The contract as it would be with one more call, before main, the preload or a host knew of it. */
type GrownContract = typeof invokeContract & { readonly 'app:quit': { readonly bridge: 'quit'; readonly args: z.ZodTuple<[]>; readonly result: z.ZodVoid } };

function fakeIpcRenderer(): IpcRendererLike {
  return { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() } as unknown as IpcRendererLike;
}

describe('the IPC contract', () => {
  it('gives every channel its own bridge function, and the preloads expose exactly those', () => {
    const names = Object.values(invokeContract).map((entry) => entry.bridge);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(createBridge(fakeIpcRenderer())).sort()).toEqual([...names, 'onIntent', 'onDiscovery'].sort());

    const captureNames = Object.values(captureContract).map((entry) => entry.bridge);
    expect(Object.keys(createCaptureBridge(fakeIpcRenderer())).sort()).toEqual([...captureNames, 'onOpen'].sort());
  });

  it('is checked by the compiler on every side (see the functions below; `npm run typecheck` runs them)', () => {
    expect([_contractEntriesNameTheirBridge, _mainAnswersEveryChannel, _preloadMakesEveryCall, _hostsMirrorTheCalls]).toHaveLength(4);
  });
});

function _contractEntriesNameTheirBridge(): void {
  // @ts-expect-error an entry without the name of its bridge function
  const _unnamed = { 'app:quit': { args: z.tuple([]), result: z.void() } } satisfies Contract;
}

/** Extra handlers, wrong arguments and wrong results: see 'derives the handler map type from the contract' in ipc.test.ts. */
function _mainAnswersEveryChannel(handlers: InvokeHandlers, captureHandlers: CaptureHandlers): void {
  // @ts-expect-error a channel added to the contract without a handler
  const _unanswered: HandlersOf<GrownContract> = handlers;
  // @ts-expect-error the capture window's map without 'capture:cancel'
  const _capture: CaptureHandlers = { 'capture:submit': captureHandlers['capture:submit'] };
}

function _preloadMakesEveryCall(ipcRenderer: IpcRendererLike, bridge: CommandPostBridge, captureBridge: CaptureBridge): void {
  const invoke = contractInvoke<typeof invokeContract>(ipcRenderer);
  // @ts-expect-error a channel the contract does not list
  void invoke('app:get-infos');
  // @ts-expect-error arguments the channel does not take
  void invoke('window:set-title', 42);
  // @ts-expect-error the capture window's channel is not the main window's
  void invoke('capture:submit', { kind: 'note', text: 'x' });

  const _wrongChannel = {
    ...bridge,
    // @ts-expect-error getAppInfo must answer an AppInfo, which signaling:get-status does not
    getAppInfo: () => invoke('signaling:get-status'),
  } satisfies CommandPostBridge;
  const _generic = {
    ...bridge,
    // @ts-expect-error a generic invoke(channel) is no part of the bridge
    invoke: (channel: string, ...args: unknown[]) => ipcRenderer.invoke(channel, ...args),
  } satisfies CommandPostBridge;
  const _rawEvent = {
    ...bridge,
    // @ts-expect-error listeners get a parsed Intent, never the raw IPC event
    onIntent: (_listener: (event: IpcRendererEvent, intent: Intent) => void) => () => {},
  } satisfies CommandPostBridge;
  const { getAppInfo: _dropped, ...withoutAppInfo } = bridge;
  // @ts-expect-error a contract call the bridge does not make
  const _incomplete: CommandPostBridge = withoutAppInfo;
  // @ts-expect-error a call added to the contract that the bridge does not make
  const _stale: BridgeCalls<GrownContract> = bridge;
  // @ts-expect-error the capture bridge makes none of the main window's calls
  const _capture: CommandPostBridge = captureBridge;
}

function _hostsMirrorTheCalls(host: Host): void {
  const _wrongAnswer: Host = {
    ...host,
    // @ts-expect-error getAppInfo answers an AppInfo, as app:get-info does
    getAppInfo: async () => ({ name: 'Command Post' }),
  };
  const _wrongSave: Host = {
    ...host,
    // @ts-expect-error a save answers 'saved' or 'cancelled', as file:save-text does
    saveFile: async () => 'downloaded' as const,
  };
  const _wrongArgument: Host = {
    ...host,
    // @ts-expect-error the incident id is a string, as window:open-status takes it
    openStatusView: async (_incidentId: number) => {},
  };
  const _wrongHotkeys: Host['hotkeys'] = {
    ...host.hotkeys,
    // @ts-expect-error suspend takes a yes or no, as hotkeys:suspend does
    suspend: (_suspended: string) => {},
  };
}
