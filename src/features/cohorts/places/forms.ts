import { z } from 'zod';

/** The public form on which someone registers interest in a cohort. */
export const interestForm = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(120, 'Name must be 120 characters or fewer'),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, 'Enter an email address of 254 characters or fewer')
    .pipe(z.email('Enter an email address in the right format, like name@example.org')),
  whyNow: z.string().trim().max(1000, 'Please keep this to 1,000 characters or fewer').default(''),
});
export type InterestInput = z.infer<typeof interestForm>;
