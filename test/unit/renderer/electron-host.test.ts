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
