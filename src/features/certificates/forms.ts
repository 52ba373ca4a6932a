import { z } from 'zod';

const id = z.string().trim().min(1, 'Choose a participant').max(100, 'Choose a participant');
const text = (what: string, max: number) => z.string().trim().min(1, `Enter the ${what}`).max(max, `The ${what} must be ${max} characters or fewer`);

export const issueForm = z.object({ participant: id });

export const revokeForm = z.object({ reason: text('reason for revoking', 1000) });

export const awardForm = z.object({
  participant: id,
  title: text('award title', 200),
  level: text('level', 100),
  credits: z
    .string()
    .trim()
    .max(6, 'Credits must be a whole number from 0 to 999')
    .refine((v) => v === '' || (/^\d+$/.test(v) && Number(v) <= 999), 'Credits must be a whole number from 0 to 999')
    .transform((v) => (v === '' ? null : Number(v))),
  awardingBody: text('awarding body', 200),
  awardedOn: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date of the award, like 2026-12-17')
    .refine((v) => !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime()) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'Enter a real date'),
});

/** The code as typed on the public form; normalised by the route. */
export const codeForm = z.object({ code: z.string().trim().min(1, 'Enter the verification code').max(40, 'Enter the code as printed on the certificate') });
