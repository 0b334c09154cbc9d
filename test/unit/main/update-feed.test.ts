/**
 * Where updates come from (src/main/updates/feed.ts): nowhere unless the
 * organisation says; the environment wins over settings.json; an address
 * that cannot be used says why, and turns checks off rather than guessing.
 */
import { describe, expect, it } from 'vitest';
import { chooseUpdateFeed, describeFeed, parseFeedLocation, UPDATE_ENV, UpdateFeedError } from '../../../src/main/updates/feed';
import { channelFileName } from '../../../src/main/updates/channel';

describe('the update feed', () => {
  it('is none by default: no variable, nothing saved', () => {
    expect(chooseUpdateFeed({}, null, 'linux')).toEqual({ feed: null, source: null, problem: null });
    expect(chooseUpdateFeed({ [UPDATE_ENV]: '   ' }, '', 'linux').feed).toBeNull();
  });

  it('comes from settings.json when the variable is not set', () => {
    expect(chooseUpdateFeed({}, 'https://updates.corp.example/command-post', 'linux')).toEqual({
      feed: { kind: 'web', url: 'https://updates.corp.example/command-post/' },
      source: 'updates.feedUrl in settings.json',
      problem: null,
    });
  });

  it('comes from COMMAND_POST_UPDATE_URL over settings.json, for managed machines', () => {
    const choice = chooseUpdateFeed({ [UPDATE_ENV]: 'http://10.0.0.5:8080/cp/' }, 'https://elsewhere.example/', 'win32');
    expect(choice).toEqual({ feed: { kind: 'web', url: 'http://10.0.0.5:8080/cp/' }, source: UPDATE_ENV, problem: null });
  });

  it('may be a shared folder: a file:// URL, a UNC path on Windows, a mounted path elsewhere', () => {
    expect(parseFeedLocation('file:///mnt/updates/command-post', UPDATE_ENV, 'linux')).toEqual({ kind: 'folder', path: '/mnt/updates/command-post' });
    expect(parseFeedLocation('/Volumes/Updates/command-post/', UPDATE_ENV, 'darwin')).toEqual({ kind: 'folder', path: '/Volumes/Updates/command-post/' });
    expect(parseFeedLocation('\\\\fileserver\\it\\command-post', UPDATE_ENV, 'win32')).toEqual({ kind: 'folder', path: '\\\\fileserver\\it\\command-post' });
    expect(parseFeedLocation('D:\\updates', UPDATE_ENV, 'win32')).toEqual({ kind: 'folder', path: 'D:\\updates' });
  });

  it.each([
    ['ftp://files.example/cp', /uses ftp, which Command Post does not fetch updates with: use the http:\/\/ or https:\/\/ address of a web server, or a shared folder/],
    ['smb://fileserver/it/cp', /is a network share address, which Command Post does not open itself: mount or map the share, then give the folder's path/],
    ['updates/command-post', /is a relative path: give the folder's full path/],
    ['https://admin:hunter2@updates.example/', /holds a user name or password, which would be written to logs/],
    ['https://updates.example/cp/?token=1', /has a query or fragment/],
    ['http://', /is not an address/],
  ])('refuses %s, saying why and naming the variable', (value, message) => {
    const choice = chooseUpdateFeed({ [UPDATE_ENV]: value }, 'https://fine.example/', 'linux');
    expect(choice.feed).toBeNull();
    expect(choice.source).toBe(UPDATE_ENV);
    expect(choice.problem).toContain(`${UPDATE_ENV}=${JSON.stringify(value)}`);
    expect(choice.problem).toMatch(message);
  });

  it('names settings.json when the saved address is the bad one', () => {
    const choice = chooseUpdateFeed({}, 'gopher://old.example', 'linux', 'updates.feedUrl in /home/dana/.config/Command Post/settings.json');
    expect(choice.problem).toMatch(/^updates\.feedUrl in \/home\/dana\/\.config\/Command Post\/settings\.json="gopher:\/\/old\.example" uses gopher/);
  });

  it('throws UpdateFeedError for one address on its own', () => {
    expect(() => parseFeedLocation('nope', 'X', 'linux')).toThrow(UpdateFeedError);
  });
});

describe('the channel file electron-updater asks for', () => {
  it('is latest.yml on Windows, latest-mac.yml on macOS, and per architecture on Linux', () => {
    expect(channelFileName('win32', 'x64')).toBe('latest.yml');
    expect(channelFileName('darwin', 'arm64')).toBe('latest-mac.yml');
    expect(channelFileName('linux', 'x64')).toBe('latest-linux.yml');
    expect(channelFileName('linux', 'arm64')).toBe('latest-linux-arm64.yml');
  });
});

describe('addresses with characters that do not show', () => {
  it('are refused, typed or percent-escaped in a file:// URL, and the message spells them out', () => {
    for (const [value, platform] of [
      ['/srv/updates\u202Eexe.txt', 'linux'],
      ['http://updates.lan/\u200Bcp/', 'linux'],
      ['C:\\updates\u2066\\cp', 'win32'],
      ['file:///srv/%E2%80%AEexe.txt', 'linux'],
    ] as const) {
      expect(() => parseFeedLocation(value, UPDATE_ENV, platform), value).toThrow(/invisible or direction-changing character/);
      try {
        parseFeedLocation(value, UPDATE_ENV, platform);
      } catch (error) {
        expect((error as Error).message).not.toMatch(/[\u200B\u202E\u2066]/);
      }
    }
    expect(() => parseFeedLocation('/srv/updates\u202Eexe.txt', 'updates.feedUrl', 'linux')).toThrow('updates.feedUrl="/srv/updates\\u{202E}exe.txt" holds');
  });

  it('a folder the feed names is described with them spelled out too', () => {
    expect(describeFeed({ kind: 'folder', path: '/srv/\u202Eexe.txt' })).toBe('the folder /srv/\\u{202E}exe.txt');
    expect(describeFeed({ kind: 'folder', path: '/srv/Sécurité/mises-à-jour' })).toBe('the folder /srv/Sécurité/mises-à-jour');
  });
});
