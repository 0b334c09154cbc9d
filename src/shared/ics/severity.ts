/**
 * Severity levels SEV-1 (worst) to SEV-5, with meanings after PagerDuty's
 * response docs, in our own words. Severity is not argued during the call:
 * when unsure, pick the higher one; a later change is logged.
 */
export const SEVERITIES = ['SEV-1', 'SEV-2', 'SEV-3', 'SEV-4', 'SEV-5'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface SeverityLevel {
  readonly id: Severity;
  /** One line a responder reads in the declare dialog. */
  readonly meaning: string;
  /** Examples that help decide quickly. */
  readonly examples: string;
  /** SEV-1 and SEV-2 are major incidents: they get an Incident Commander and the full response. */
  readonly major: boolean;
}

export const SEVERITY_LEVELS: readonly SeverityLevel[] = [
  {
    id: 'SEV-1',
    meaning: 'Critical: customers broadly cannot use the product; public notice and executive liaison needed.',
    examples: 'Whole service down, data loss or corruption, a security breach, payments failing for everyone.',
    major: true,
  },
  {
    id: 'SEV-2',
    meaning: 'Major: a critical system is failing and many customers are affected.',
    examples: 'A core feature unavailable, severe slowness for most users, an integration broken for many accounts.',
    major: true,
  },
  {
    id: 'SEV-3',
    meaning: 'Minor customer impact or instability that needs the service owner now.',
    examples: 'A degraded non-critical feature, elevated errors for a few customers, a failover that needs watching.',
    major: false,
  },
  {
    id: 'SEV-4',
    meaning: 'Needs action, but customers can still use the product normally.',
    examples: 'An internal tool failing, a redundancy lost with no impact yet, a disk filling slowly.',
    major: false,
  },
  {
    id: 'SEV-5',
    meaning: 'Cosmetic or a bug with no effect on customers using the product.',
    examples: 'A typo in the UI, a misleading log message, a dashboard showing stale numbers.',
    major: false,
  },
];

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

export function severityLevel(id: Severity): SeverityLevel {
  const level = SEVERITY_LEVELS.find((l) => l.id === id);
  if (!level) throw new Error(`Unknown severity ${id}`);
  return level;
}

/** Lower number = more severe. */
export function severityRank(id: Severity): number {
  return SEVERITIES.indexOf(id) + 1;
}
