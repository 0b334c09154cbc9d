import path from 'node:path';
import { APP_HOST, APP_SCHEME } from '../security/origins';

/** The path functions the resolver needs; path.win32 can stand in for tests. */
export type PathApi = Pick<typeof path, 'resolve' | 'relative' | 'isAbsolute' | 'sep'>;

/** What app://command-post/ (an empty path) serves. */
export const INDEX_FILE = 'index.html';

/**
 * Maps an app:// request URL to a file inside `rootDir`, or returns null when
 * the request must be refused.
 *
 * This is the whole difference between our scheme and file://, so it refuses
 * anything it cannot prove safe rather than trying to repair it:
 * - another scheme, another host, a port or credentials;
 * - malformed percent-encoding;
 * - a NUL, a backslash (a separator on Windows, and never in our asset names)
 *   or a colon (drive letters, NTFS streams) anywhere in the decoded path;
 * - an absolute path after the leading slash (app://command-post//etc/passwd);
 * - anything that resolves to the root itself or outside it, after decoding,
 *   so encoded separators (..%2f..%2f) cannot slip past the URL parser's own
 *   dot-segment normalisation.
 *
 * Pure (no file system access), so it can be tested against hostile input.
 */
export function resolveAppRequestPath(requestUrl: string, rootDir: string, pathApi: PathApi = path): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:`) return null;
  if (url.host.toLowerCase() !== APP_HOST || url.username !== '' || url.password !== '') return null;

  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (/[\0\\:]/.test(decoded)) return null;

  const relativePath = decoded.startsWith('/') ? decoded.slice(1) : decoded;
  if (pathApi.isAbsolute(relativePath)) return null;

  const root = pathApi.resolve(rootDir);
  const resolved = pathApi.resolve(root, relativePath === '' ? INDEX_FILE : relativePath);
  const fromRoot = pathApi.relative(root, resolved);
  if (fromRoot === '' || fromRoot === '..' || fromRoot.startsWith(`..${pathApi.sep}`) || pathApi.isAbsolute(fromRoot)) {
    return null;
  }
  return resolved;
}
