import { z } from 'zod';
import { STORY_MAX } from './queries.ts';

export const storyForm = z.object({
  title: z
    .string('Give your story a title; only you see it unless you share the story')
    .trim()
    .min(1, 'Give your story a title; only you see it unless you share the story')
    .max(200, 'The title must be 200 characters or fewer'),
  text: z
    .string()
    .max(STORY_MAX, `The story must be ${STORY_MAX.toLocaleString('en-GB')} characters or fewer`)
    .default(''),
  /** The version the page was showing; a wrong or missing one is treated as a conflict, never an overwrite. */
  baseVersion: z.coerce.number().catch(-1),
});
export type StoryInput = z.infer<typeof storyForm>;
