/**
 * Where this machine looks for updates: nowhere, unless the organisation
 * says. The address comes from COMMAND_POST_UPDATE_URL (for machines an
 * administrator manages; it wins) or from updates.feedUrl in settings.json.
 * Either may name a web server on the LAN (http:// or https://) or a shared
 * folder (a file:// URL, \\server\share\folder or a mounted path), the
 * folder electron-builder's output was copied to. No Electron here.
 */
import { posix, win32 } from 'node:path';
import { fileURLToPath } from 'node:url';

export const UPDATE_ENV = 'COMMAND_POST_UPDATE_URL';

export type UpdateFeed =
  /** electron-updater's generic provider reads it directly. */
  | { kind: 'web'; url: string }
  /** Served to electron-updater from 127.0.0.1 (loopback-feed.ts): it only speaks HTTP. */
  | { kind: 'folder'; path: string };

export interface FeedChoice {
  feed: UpdateFeed | null;
  /** Where the address came from, for messages: the variable, or the settings key. */
  source: string | null;
  /** The address that was set but cannot be used, in words; null when there is none. */
  problem: string | null;
}

export class UpdateFeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UpdateFeedError';
  }
}

/**
 * Characters that do not show, or that reverse how what follows reads: in
 * an address they could make one server or folder look like another.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it finds.
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u;

/** Text from outside (an address, a variable) as it can be shown: each hidden character spelled out as \u{…}. */
export function visibleText(text: string): string {
  return text.replace(new RegExp(HIDDEN.source, 'gu'), (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}`);
}

const EXPECTED = 'use the http:// or https:// address of a web server, or a shared folder (a file:// URL, \\\\server\\share\\folder, or a full path)';

/** One address, from `source` (named in the message). Throws UpdateFeedError saying what is wrong and what to use. */
export function parseFeedLocation(value: string, source: string, platform: NodeJS.Platform): UpdateFeed {
  const text = value.trim();
  const quoted = `${source}=${visibleText(JSON.stringify(value))}`;
  if (text.length > 2048) throw new UpdateFeedError(`${source} is ${text.length} characters long, too long to be an address.`);
  if (HIDDEN.test(text)) {
    throw new UpdateFeedError(`${quoted} holds an invisible or direction-changing character, which can make one address read as another: type the address again.`);
  }
  const windows = platform === 'win32';
  // A Windows path ("C:\updates", "\\server\share") before URL parsing, which would read "C:" as a scheme.
  if (windows && win32.isAbsolute(text) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return { kind: 'folder', path: win32.normalize(text) };
  if (!windows && posix.isAbsolute(text)) return { kind: 'folder', path: posix.normalize(text) };

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    if (text.length > 0 && !/^[a-z][a-z0-9+.-]*:/i.test(text)) throw new UpdateFeedError(`${quoted} is a relative path: give the folder's full path, or ${EXPECTED}.`);
    throw new UpdateFeedError(`${quoted} is not an address: ${EXPECTED}.`);
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    if (!url.hostname) throw new UpdateFeedError(`${quoted} names no server.`);
    if (url.username || url.password) {
      throw new UpdateFeedError(`${quoted} holds a user name or password, which would be written to logs: serve updates without one (they are signed, so they need not be secret).`);
    }
    if (url.search || url.hash) throw new UpdateFeedError(`${quoted} has a query or fragment; give the address of the folder that holds latest.yml.`);
    // electron-updater resolves latest.yml against it as a folder.
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    return { kind: 'web', url: url.href };
  }
  if (url.protocol === 'file:') {
    let path: string;
    try {
      path = fileURLToPath(url);
    } catch (error) {
      throw new UpdateFeedError(`${quoted} is not a folder this machine can open (${error instanceof Error ? error.message : String(error)}).`);
    }
    // Percent-escapes decode here: the same refusal as for the characters typed.
    if (HIDDEN.test(path)) throw new UpdateFeedError(`${quoted} names a folder whose path holds an invisible or direction-changing character, which can make one folder read as another.`);
    return { kind: 'folder', path };
  }
  if (url.protocol === 'smb:' || url.protocol === 'cifs:' || url.protocol === 'nfs:') {
    throw new UpdateFeedError(`${quoted} is a network share address, which Command Post does not open itself: mount or map the share, then give the folder's path${windows ? ' (\\\\server\\share\\folder)' : ''}.`);
  }
  throw new UpdateFeedError(`${quoted} uses ${url.protocol.slice(0, -1)}, which Command Post does not fetch updates with: ${EXPECTED}.`);
}

/**
 * The feed to use now: the environment's address if it is set (not blank),
 * else the saved one, else none. An address that cannot be used is a
 * problem (checks are then off: nothing is fetched from a guess), never an
 * exception: it is shown when someone asks for updates, and logged.
 */
export function chooseUpdateFeed(env: Readonly<Record<string, string | undefined>>, saved: string | null, platform: NodeJS.Platform, settingsName = 'updates.feedUrl in settings.json'): FeedChoice {
  const fromEnv = env[UPDATE_ENV];
  const [value, source] = fromEnv !== undefined && fromEnv.trim() !== '' ? [fromEnv, UPDATE_ENV] : saved !== null && saved.trim() !== '' ? [saved, settingsName] : [null, null];
  if (value === null || source === null) return { feed: null, source: null, problem: null };
  try {
    return { feed: parseFeedLocation(value, source, platform), source, problem: null };
  } catch (error) {
    if (error instanceof UpdateFeedError) return { feed: null, source, problem: error.message };
    throw error;
  }
}

/** The feed in words, for messages. */
export function describeFeed(feed: UpdateFeed): string {
  return feed.kind === 'web' ? feed.url : `the folder ${visibleText(feed.path)}`;
}
