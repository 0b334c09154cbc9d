import { vi } from 'vitest';
import type { UpdateSettingsStatus } from '../../../src/shared/ipc';

/** Settings → Updates on a machine where nothing is set, in an installed build that carries its key. */
export const UPDATE_STATUS: UpdateSettingsStatus = {
  feedUrl: null,
  envOverride: null,
  inUse: null,
  problem: null,
  packaged: true,
  hasSigningKey: true,
  signingKeyProblem: null,
  settingsProblem: null,
};

/** main's update settings as the IPC handlers use them, answering UPDATE_STATUS. */
export function fakeUpdateSettings() {
  return {
    status: vi.fn(async () => UPDATE_STATUS),
    setFeed: vi.fn(async (_feedUrl: string | null) => ({ status: UPDATE_STATUS, error: null })),
    check: vi.fn(),
  };
}
