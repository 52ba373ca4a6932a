import { z } from 'zod';

const tagList = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((t) => t.trim().toLowerCase().replace(/\s+/g, '-'))
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Tags use letters, digits and hyphens, separated by commas')));

const optionalMinutes = (message: string) =>
  z
    .string()
    .trim()
    .default('')
    .transform((s) => (s === '' ? null : Number(s)))
    .pipe(z.number(message).int(message).min(1, message).max(1440, message).nullable());

export const programmeForm = z.object({
  title: z.string().trim().min(1, 'Enter the programme title').max(200, 'Title must be 200 characters or fewer'),
  summary: z.string().trim().max(300, 'Summary must be 300 characters or fewer').default(''),
  description: z.string().default(''),
  facilitatorNotes: z.string().default(''),
});

export const moduleForm = z.object({
  title: z.string().trim().min(1, 'Enter the module title').max(200, 'Title must be 200 characters or fewer'),
  purpose: z.string().trim().max(300, 'Purpose must be 300 characters or fewer').default(''),
  description: z.string().default(''),
  facilitatorNotes: z.string().default(''),
  standsAlone: z
    .string()
    .optional()
    .transform((v) => v === 'yes'),
  preProgramme: z
    .string()
    .optional()
    .transform((v) => v === 'yes'),
  tags: tagList,
});

export const sessionForm = z.object({
  title: z.string().trim().min(1, 'Enter the session title').max(200, 'Title must be 200 characters or fewer'),
  aim: z.string().trim().max(2000, 'Aim must be 2,000 characters or fewer').default(''),
  overview: z.string().default(''),
  durationMinutes: optionalMinutes('Enter the length in whole minutes, like 120'),
  lesson: z.string().default(''),
  assessment: z.string().default(''),
  tags: tagList,
});

export const knowledgeForm = z.object({
  title: z.string().trim().min(1, 'Enter a title for this piece of Mini Knowledge').max(200, 'Title must be 200 characters or fewer'),
  body: z.string().default(''),
  intentions: z.array(z.string()).min(1, 'Choose at least one learning intention this knowledge supports'),
  tags: tagList,
});

export const activityForm = z.object({
  title: z.string().trim().min(1, 'Enter a title for the activity').max(200, 'Title must be 200 characters or fewer'),
  minutes: optionalMinutes('Enter the time in whole minutes, like 20'),
  participant: z.string().default(''),
  facilitator: z.string().default(''),
});

export const resourceForm = z.object({
  title: z.string().trim().min(1, 'Enter the name of the resource').max(200, 'Title must be 200 characters or fewer'),
  url: z.url({ protocol: /^https?$/, error: 'Enter a web address starting with https:// or http://' }),
  description: z.string().trim().max(300, 'Description must be 300 characters or fewer').default(''),
});

export const fileForm = z.object({
  title: z.string().trim().min(1, 'Enter a title for the file, as participants will see it').max(200, 'Title must be 200 characters or fewer'),
});

export const publishForm = z.object({ note: z.string().trim().max(300, 'The note must be 300 characters or fewer').default('') });
