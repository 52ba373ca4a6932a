import { z } from 'zod';

export const agreementForm = z.object({
  text: z
    .string('Write the agreement before saving')
    .trim()
    .min(1, 'Write the agreement before saving')
    .max(20_000, 'The agreement must be 20,000 characters or fewer'),
});

export const acknowledgeForm = z.object({ version: z.coerce.number().int().min(1).max(1_000_000) });

/** The co-facilitation plan, private notes and debrief: any text, bounded. */
export const notesForm = z.object({ text: z.string().max(20_000, 'Keep this to 20,000 characters or fewer').default('') });

export const NOTE_KINDS = ['private', 'debrief'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];
