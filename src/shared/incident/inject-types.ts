/**
 * The kinds of inject a drill's scenario plays, in a module without zod, so
 * the timeline's schema (which every page loads) can check an inject entry
 * without the scenario validator.
 */
export const INJECT_TYPES = ['message', 'system', 'arrival', 'stakeholder'] as const;
export type InjectType = (typeof INJECT_TYPES)[number];

export const INJECT_TYPE_LABELS: Record<InjectType, string> = {
  message: 'Message to the IC',
  system: 'System status change',
  arrival: 'Person arriving',
  stakeholder: 'Stakeholder asks for an update',
};
