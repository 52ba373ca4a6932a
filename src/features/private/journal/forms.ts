import { z } from 'zod';

export const JOURNAL_MAX = 20_000;

export const journalForm = z.object({
  title: z.string('Give the entry a title').trim().min(1, 'Give the entry a title').max(200, 'The title must be 200 characters or fewer'),
  text: z
    .string('Write something before saving')
    .max(JOURNAL_MAX, 'An entry must be 20,000 characters or fewer')
    .refine((t) => t.trim().length > 0, 'Write something before saving'),
  session: z.string().max(100, 'Choose one of your sessions').default(''),
});
export type JournalInput = z.infer<typeof journalForm>;
