/**
 * Incident codenames. The seeds' advice: give an emergency a name, a codename
 * such as "26-Bravo", never its cause ("the database outage" is a guess that
 * may prove wrong and sticks). The prefix is the two-digit year, so names stay
 * unique across years in the catalog.
 */
export const PHONETIC_ALPHABET = [
  'Alfa', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel', 'India',
  'Juliett', 'Kilo', 'Lima', 'Mike', 'November', 'Oscar', 'Papa', 'Quebec', 'Romeo',
  'Sierra', 'Tango', 'Uniform', 'Victor', 'Whiskey', 'Xray', 'Yankee', 'Zulu',
] as const;

/**
 * Suggests the first free codename of the year `now` falls in, trying the
 * alphabet in order, then "Alfa-2", "Bravo-2" and so on.
 */
export function suggestCodename(existingNames: Iterable<string>, now: number): string {
  const taken = new Set<string>();
  for (const name of existingNames) taken.add(name.trim().toLowerCase());
  const year = String(new Date(now).getUTCFullYear() % 100).padStart(2, '0');
  for (let round = 1; ; round++) {
    for (const word of PHONETIC_ALPHABET) {
      const candidate = round === 1 ? `${year}-${word}` : `${year}-${word}-${round}`;
      if (!taken.has(candidate.toLowerCase())) return candidate;
    }
  }
}
