/**
 * Incident codenames. The seeds' advice: give an emergency a name, a codename
 * such as "26-Bravo", never its cause ("the database outage" is a guess that
 * may prove wrong and sticks). The prefix is the two-digit year, so names stay
 * unique across years in the catalog.
 *
 * A name is said on the call and typed into chat, so two incidents a machine
 * knows must never share one: "26-Alfa" and "26-alfa " are the same name to
 * the people using them (see codenameKey).
 */
export const PHONETIC_ALPHABET = [
  'Alfa', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel', 'India',
  'Juliett', 'Kilo', 'Lima', 'Mike', 'November', 'Oscar', 'Papa', 'Quebec', 'Romeo',
  'Sierra', 'Tango', 'Uniform', 'Victor', 'Whiskey', 'Xray', 'Yankee', 'Zulu',
] as const;

/**
 * What two names have to share to be the same name: what someone reading
 * them aloud, or typing them, would not tell apart. Compatibility forms are
 * folded (a full-width "２６" is "26"), invisible format characters dropped (a
 * zero-width space or a direction mark pasted from chat), every dash is a
 * hyphen, each run of white space one space, the ends trimmed, case folded.
 */
export function codenameKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .replace(/\p{Pd}/gu, '-')
    .replace(/\s+/gu, ' ')
    .trim()
    .toLowerCase();
}

/** An incident a machine knows by name: declared here, synced in, imported, or only named in an invite. */
export interface KnownIncidentName {
  readonly id: string;
  readonly name: string;
}

/** The incident among `known`, other than `self`, that already goes by `name`; null when the name is free. */
export function incidentNamed<T extends KnownIncidentName>(name: string, known: Iterable<T>, self?: string): T | null {
  const key = codenameKey(name);
  if (!key) return null;
  for (const incident of known) if (incident.id !== self && codenameKey(incident.name) === key) return incident;
  return null;
}

function keysOf(names: Iterable<string>): Set<string> {
  const taken = new Set<string>();
  for (const name of names) taken.add(codenameKey(name));
  return taken;
}

/**
 * Suggests the first free codename of the year `now` falls in, trying the
 * alphabet in order, then "Alfa-2", "Bravo-2" and so on.
 */
export function suggestCodename(existingNames: Iterable<string>, now: number): string {
  const taken = keysOf(existingNames);
  const year = String(new Date(now).getUTCFullYear() % 100).padStart(2, '0');
  for (let round = 1; ; round++) {
    for (const word of PHONETIC_ALPHABET) {
      const candidate = round === 1 ? `${year}-${word}` : `${year}-${word}-${round}`;
      if (!taken.has(codenameKey(candidate))) return candidate;
    }
  }
}

/** "26-Alfa-3" → "26-Alfa" and 3; a name without a number of its own counts as its first. */
const NUMBERED = /^(.*\S)-([2-9]|[1-9]\d{1,5})$/u;

/**
 * The name to rename an incident to when another one took its name: the
 * same name with the next free number ("26-Alfa" → "26-Alfa-2", "26-Alfa-2"
 * → "26-Alfa-3"), so the people who said "Alfa" on the call still find it.
 * Cut to `maxLength`, the longest name an incident may have.
 */
export function suggestRename(name: string, existingNames: Iterable<string>, maxLength: number): string {
  const taken = keysOf(existingNames);
  const trimmed = name.replace(/\s+/gu, ' ').trim();
  const numbered = NUMBERED.exec(trimmed);
  const base = numbered ? numbered[1]! : trimmed;
  for (let n = numbered ? Number(numbered[2]) + 1 : 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${cut(base, maxLength - suffix.length)}${suffix}`;
    if (!taken.has(codenameKey(candidate))) return candidate;
  }
}

/** The longest start of `text` within `length` UTF-16 units (as lengths are checked), never splitting a character. */
function cut(text: string, length: number): string {
  let head = '';
  for (const char of text) {
    if (head.length + char.length > length) break;
    head += char;
  }
  return head.trimEnd();
}
