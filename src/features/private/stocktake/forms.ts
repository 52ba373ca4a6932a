import { z } from 'zod';

/** The form of a cohort's stocktake: one optional answer per question, posted as `q_<question id>`. */
export const stocktakeForm = (questions: readonly { id: string }[]) =>
  z
    .object(Object.fromEntries(questions.map((q) => [`q_${q.id}`, z.string().max(5000, 'Keep each answer to 5,000 characters or fewer').default('')])))
    .transform((v) => Object.fromEntries(questions.map((q) => [q.id, v[`q_${q.id}`] ?? ''])));
