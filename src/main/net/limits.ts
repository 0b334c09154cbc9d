/**
 * The limits a server on the network bounds each connection by (frame size,
 * queue length, heartbeat...). Tests and operators may tighten or loosen
 * them, but never to zero or below, which would turn a bound off.
 */

/** The defaults, with each given override; throws a RangeError, naming the server, for one that is not a positive number. */
export function withLimits<L extends Record<string, number>>(
  defaults: L,
  overrides: Partial<Record<keyof L, number>>,
  server: string,
): { -readonly [K in keyof L]: number } {
  const limits: { -readonly [K in keyof L]: number } = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof L & string)[]) {
    const value = overrides[key];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${server}: ${key} must be a positive number.`);
    limits[key] = value;
  }
  return limits;
}
