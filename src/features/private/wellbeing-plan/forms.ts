import { z } from 'zod';

const part = z.string().max(5000, 'Keep each part to 5,000 characters or fewer').default('');

/** Every part is optional: the plan holds as much or as little as helps. */
export const planForm = z.object({ keepsMeWell: part, earlySigns: part, whatHelps: part, whoToContact: part });
export type PlanInput = z.infer<typeof planForm>;
