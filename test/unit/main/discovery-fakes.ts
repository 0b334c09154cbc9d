/** The discovery handle as the IPC handlers see it, answering with DISCOVERY_STATUS. */
import { vi } from 'vitest';
import type { DiscoveryStatus } from '../../../src/shared/ipc';

export const DISCOVERY_STATUS: DiscoveryStatus = {
  enabled: true,
  disabledReason: null,
  settings: { enabled: true, displayName: '' },
  envOverride: null,
  watching: false,
  shares: [],
  peers: [],
  error: null,
  settingsProblem: null,
};

export function fakeDiscovery() {
  return {
    status: vi.fn(() => DISCOVERY_STATUS),
    watch: vi.fn(async (_on: boolean) => DISCOVERY_STATUS),
    share: vi.fn(async () => ({ status: DISCOVERY_STATUS, share: null, message: null })),
    unshare: vi.fn(async (_key: string) => DISCOVERY_STATUS),
    change: vi.fn(async () => ({ status: DISCOVERY_STATUS, error: null })),
    signalingMoved: vi.fn(async () => {}),
  };
}
