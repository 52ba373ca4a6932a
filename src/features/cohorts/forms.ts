import { z } from 'zod';

export const MODES = [
  { value: 'in_person', label: 'In person' },
  { value: 'online', label: 'Online' },
  { value: 'hybrid', label: 'Hybrid' },
] as const;

const date = (message: string) => z.iso.date(message);

export const cohortForm = z.object({
  name: z.string().trim().min(1, 'Enter a name for the cohort').max(120, 'Name must be 120 characters or fewer'),
  programmeId: z.string('Choose a programme').min(1, 'Choose a programme'),
  startsOn: date('Enter the start date, like 2026-10-01'),
  endsOn: date('Enter the end date, like 2026-12-17'),
  mode: z.enum(['in_person', 'online', 'hybrid'], 'Choose how the cohort meets'),
  venue: z.string().trim().max(300, 'Venue must be 300 characters or fewer').default(''),
  joiningLink: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || /^https:\/\/\S+$/.test(v), 'Enter a joining link starting with https://'),
  capacity: z
    .string()
    .trim()
    .default('')
    .transform((v) => (v === '' ? null : Number(v)))
    .pipe(
      z
        .number('Enter the number of places as a whole number')
        .int('Enter the number of places as a whole number')
        .min(1, 'A cohort needs at least one place')
        .max(500, 'At most 500 places')
        .nullable(),
    ),
  attendanceThreshold: z.coerce
    .number('Enter a percentage from 0 to 100')
    .int()
    .min(0, 'Enter a percentage from 0 to 100')
    .max(100, 'Enter a percentage from 0 to 100')
    .default(80),
});

/** Checked apart from the schema so it is reported even when other fields are wrong. */
export const datesInOrder = (startsOn: string | undefined, endsOn: string | undefined): boolean => !startsOn || !endsOn || endsOn >= startsOn;

export const memberForm = z.object({
  name: z.string().trim().min(1, 'Enter their name').max(120, 'Name must be 120 characters or fewer'),
  email: z.string().trim().pipe(z.email('Enter an email address in the right format, like name@example.org')),
  role: z.enum(['facilitator', 'participant', 'assessor'], 'Choose their role in this cohort'),
  isLead: z
    .string()
    .optional()
    .transform((v) => v === 'yes'),
  livedExperience: z
    .string()
    .optional()
    .transform((v) => v === 'yes'),
});
