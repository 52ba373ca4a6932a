import { z } from 'zod';

export const readinessForm = z
  .object({
    outcome: z.enum(['ready', 'ready_with_support', 'not_now'], 'Choose the outcome you agreed'),
    signpostedTo: z.string().trim().max(300, 'Keep this to 300 characters or fewer').default(''),
    agreedNote: z
      .string('Write the short note you agreed together; the participant will see it')
      .trim()
      .min(1, 'Write the short note you agreed together; the participant will see it')
      .max(1000, 'Keep the note to 1,000 characters or fewer'),
  })
  .refine((v) => v.outcome !== 'not_now' || v.signpostedTo.length > 0, { message: 'Say where you signposted them', path: ['signpostedTo'] });
export type ReadinessInput = z.infer<typeof readinessForm>;
