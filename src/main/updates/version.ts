/**
 * Version numbers as electron-builder writes them (semantic versioning,
 * semver.org). Only precedence is needed here, to refuse an update that is
 * not newer than the running version: going back to an older release would
 * undo its security fixes, so an old, correctly signed installer must not be
 * replayable. Written out rather than imported because the rules are short
 * and this project does not depend on the `semver` package directly.
 */

/** semver.org's own expression, without the build metadata's role in precedence. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export function isVersion(text: string): boolean {
  return text.length <= 256 && SEMVER.test(text);
}

/** Negative when a precedes b, 0 when they are equal in precedence, positive when a follows b. Throws on a non-version. */
export function compareVersions(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  for (let i = 0; i < 3; i++) {
    const diff = compareNumbers(pa.core[i] ?? '0', pb.core[i] ?? '0');
    if (diff !== 0) return diff;
  }
  // A pre-release comes before its release (1.0.0-rc.1 < 1.0.0).
  if (pa.pre.length === 0 && pb.pre.length === 0) return 0;
  if (pa.pre.length === 0) return 1;
  if (pb.pre.length === 0) return -1;
  for (let i = 0; i < Math.max(pa.pre.length, pb.pre.length); i++) {
    const x = pa.pre[i];
    const y = pb.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xNumeric = /^\d+$/.test(x);
    const yNumeric = /^\d+$/.test(y);
    if (xNumeric && yNumeric) {
      const diff = compareNumbers(x, y);
      if (diff !== 0) return diff;
    } else if (xNumeric !== yNumeric) {
      return xNumeric ? -1 : 1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

function parse(version: string): { core: string[]; pre: string[] } {
  const match = isVersion(version) ? SEMVER.exec(version) : null;
  if (!match) throw new Error(`${JSON.stringify(version)} is not a version number.`);
  return { core: [match[1] ?? '0', match[2] ?? '0', match[3] ?? '0'], pre: match[4] ? match[4].split('.') : [] };
}

/** Digit strings of any length, without leading zeros (the expression allows none). */
function compareNumbers(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
