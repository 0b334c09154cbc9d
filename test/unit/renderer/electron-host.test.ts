import { describe, expect, it } from 'vitest';
import { electronHost } from '../../../src/renderer/host/electron';
import type { CommandPostBridge, SaveTextFileRequest } from '../../../src/shared/ipc';

describe('the desktop host saving a file', () => {
  it('hands main the text of a Blob made off the main thread, byte order mark included', async () => {
    const saved: SaveTextFileRequest[] = [];
    const bridge = { saveTextFile: async (request: SaveTextFileRequest) => (saved.push(request), 'saved' as const) } as unknown as CommandPostBridge;
    const csv = '\uFEFFIncident Name,Name\r\n26-Alfa,Ada Lovelace — IC\r\n';
    const host = electronHost(bridge);
    expect(await host.saveFile({ suggestedName: 'log.csv', mimeType: 'text/csv', content: new Blob([csv], { type: 'text/csv' }) })).toBe('saved');
    expect(await host.saveFile({ suggestedName: 'log.md', mimeType: 'text/markdown', content: '# 26-Alfa' })).toBe('saved');
    expect(saved).toEqual([
      { suggestedName: 'log.csv', content: csv },
      { suggestedName: 'log.md', content: '# 26-Alfa' },
    ]);
  });
});

describe('the desktop host’s Settings → Updates', () => {
  it('forwards the address and the check to main, and a refusal of the call arrives as main’s own words', async () => {
    const calls: unknown[] = [];
    const bridge = {
      setUpdateFeed: async (feedUrl: string | null) => {
        calls.push(['set', feedUrl]);
        if (feedUrl === 'x'.repeat(3000)) throw new Error("Error invoking remote method 'updates:set-feed': Error: updates:set-feed: invalid arguments: An update address is at most 2048 characters.");
        return { status: {}, error: null };
      },
      checkForUpdates: async () => {
        calls.push(['check']);
      },
    } as unknown as CommandPostBridge;
    const updates = electronHost(bridge).updates!;
    await updates.setFeed('/mnt/updates');
    await updates.check();
    await expect(updates.setFeed('x'.repeat(3000))).rejects.toThrow(/^updates:set-feed: invalid arguments: An update address is at most 2048 characters\.$/);
    expect(calls).toEqual([['set', '/mnt/updates'], ['check'], ['set', 'x'.repeat(3000)]]);
  });
});
