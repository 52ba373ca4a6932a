import { z } from 'zod';
import type { FieldErrors, FormValues } from '../../views/form.tsx';
import { COMPLETION_THRESHOLD_PERCENT } from './attendance/model.ts';

export const MODES = [
  { value: 'in_person', label: 'In person' },
  { value: 'online', label: 'Online' },
  { value: 'hybrid', label: 'Hybrid' },
] as const;

const date = (message: string) => z.iso.date(message);

export const cohortForm = z.object({
  name: z.string().trim().min(1, 'Enter a name for the cohort').max(120, 'Name must be 120 characters or fewer'),
  programmeId: z.string('Choose a programme').min(1, 'Choose a programme').max(100, 'Choose a programme'),
  startsOn: date('Enter the start date, like 2026-10-01'),
  endsOn: date('Enter the end date, like 2026-12-17'),
  mode: z.enum(['in_person', 'online', 'hybrid'], 'Choose how the cohort meets'),
  venue: z.string().trim().max(300, 'Venue must be 300 characters or fewer').default(''),
  joiningLink: z
    .string()
    .trim()
    .max(500, 'The joining link must be 500 characters or fewer')
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
    .int('Enter a percentage from 0 to 100')
    .min(0, 'Enter a percentage from 0 to 100')
    .max(100, 'Enter a percentage from 0 to 100')
    .default(COMPLETION_THRESHOLD_PERCENT),
});

/** Checked apart from the schema so it is reported even when other fields are wrong. */
export const datesInOrder = (startsOn: string | undefined, endsOn: string | undefined): boolean => !startsOn || !endsOn || endsOn >= startsOn;

const moduleChoice = z
  .string()
  .max(200)
  .regex(/^[^:]+:[^:]+$/);

/** A ticked module of the planning form: its box's value is "programmeId:moduleId". */
export interface ChosenModule {
  programmeId: string;
  moduleId: string;
}

/**
 * The ticked modules of the planning form, in the order typed beside them ("1" first); modules with
 * the same or no number keep the form's order. Null when the ticks are not ones the form could send.
 */
export function chosenModules(ticked: unknown, values: FormValues): ChosenModule[] | null {
  const parsed = z
    .array(moduleChoice)
    .max(200)
    .safeParse(([] as unknown[]).concat(ticked ?? []));
  if (!parsed.success) return null;
  return [...new Set(parsed.data)]
    .map((value, i) => ({ value, order: Number(values[`order_${value}`]) || 100 + i, i }))
    .sort((a, b) => a.order - b.order || a.i - b.i)
    .map(({ value }) => {
      const [programmeId, moduleId] = value.split(':') as [string, string];
      return { programmeId, moduleId };
    });
}

// Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). A name is shown
// out of its own context, in lists, registers and plain-text emails, where an override runs on into
// the text after it and can make a name read as another or reverse the words that follow it. Names in
// right-to-left scripts need none of them: the characters' own direction lays them out.
const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** A person's name as typed, without direction controls or surrounding spaces. */
export const personName = (typed: string): string => typed.replace(DIRECTION_CONTROLS, '').trim();

/** A member's name, on the members form and in each row of a participants CSV. */
export const memberName = z.string().transform(personName).pipe(z.string().min(1, 'Enter their name').max(120, 'Name must be 120 characters or fewer'));

/** A member's email address, on the members form and in each row of a participants CSV. */
export const memberEmail = z
  .string()
  .trim()
  .max(254, 'Enter an email address of 254 characters or fewer')
  .pipe(z.email('Enter an email address in the right format, like name@example.org'));

export const memberForm = z.object({
  name: memberName,
  email: memberEmail,
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

export interface ScheduleEntry {
  cohortSessionId: string;
  date: string;
  time: string;
  durationMinutes: number | null;
  place: string;
  bring: string;
}

/** Reads the schedule form: one row of fields per cohort session, named by its id. */
export function scheduleForm(
  values: FormValues,
  sessions: readonly { id: string; title: string }[],
): { ok: true; entries: ScheduleEntry[] } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const entries = sessions.map((s) => {
    const field = (k: string) => (values[`${k}_${s.id}`] ?? '').trim();
    const raw = field('duration');
    const duration = raw === '' ? null : Number(raw);
    if (duration !== null && (!Number.isInteger(duration) || duration < 1 || duration > 1440))
      errors[`duration_${s.id}`] = `${s.title}: enter the length in whole minutes, like 120`;
    if (field('place').length > 300) errors[`place_${s.id}`] = `${s.title}: the place must be 300 characters or fewer`;
    if (field('bring').length > 300) errors[`bring_${s.id}`] = `${s.title}: what to bring must be 300 characters or fewer`;
    return { cohortSessionId: s.id, date: field('date'), time: field('time'), durationMinutes: duration, place: field('place'), bring: field('bring') };
  });
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, entries };
}
