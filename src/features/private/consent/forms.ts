import { z } from 'zod';
import { CONSENT_PURPOSES, type ConsentPurpose } from './model.ts';

/** One tick box per purpose, each posting `yes` when ticked; an unticked box sends nothing. */
export const consentForm = z
  .object(Object.fromEntries(CONSENT_PURPOSES.map((p) => [p.purpose, z.literal('yes', 'Tick the box or leave it empty').optional()])))
  .transform((v) => new Set(CONSENT_PURPOSES.filter((p) => v[p.purpose] === 'yes').map((p) => p.purpose as ConsentPurpose)));

export const consentTextForm = z.object({
  text: z.string().trim().min(1, 'Write what we tell participants').max(3000, 'Keep the wording to 3,000 characters or fewer'),
  withdrawEffect: z.string().trim().min(1, 'Say what happens if they say no later').max(1000, 'Keep this to 1,000 characters or fewer'),
});
