/**
 * What a responder gives at check-in besides their name: how to reach them
 * (phone, chat handle, radio channel: whatever still works tonight) and their
 * team or skills from the day job, so the IC knows whom to give what. Never
 * their incident role: that comes from the assignment.
 */
import { z } from 'zod';

const CONTROL = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

function detail(label: string, max: number) {
  return z
    .string()
    .transform((s) => s.trim().replace(/\s+/g, ' '))
    .pipe(
      z
        .string()
        .max(max, `${label} is at most ${max} characters.`)
        .refine((s) => !CONTROL.test(s), `${label} must be plain text on one line.`),
    );
}

export const ContactDetails = detail('How to reach them', 120);
export const Skills = detail('Team or skills', 120);
