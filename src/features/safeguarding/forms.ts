import { z } from 'zod';
import { emailField } from '../../auth/forms.ts';

/** The answers to "Is there immediate risk?", in the order they are offered. */
export const RISK = [
  { value: 'yes', label: 'Yes, there may be immediate risk' },
  { value: 'no', label: 'No' },
  { value: 'unsure', label: 'I am not sure' },
] as const;

const longText = (missing: string) => z.string(missing).trim().min(1, missing).max(4000, 'Please keep this to 4,000 characters or fewer');

export const concernForm = z.object({
  participant: z.string('Choose who the concern is about').min(1, 'Choose who the concern is about').max(100, 'Choose who the concern is about'),
  whatHappened: longText('Say briefly what you saw or heard'),
  immediateRisk: z.enum(['yes', 'no', 'unsure'], 'Say whether there is immediate risk'),
  actionTaken: longText('Say what you have done so far, even if nothing yet'),
});
export type ConcernInput = z.infer<typeof concernForm>;

export const outcomeForm = z.object({ outcome: longText('Write the outcome before recording it') });

export const leadForm = z.object({ email: emailField });
