import { z } from 'zod';

/**
 * Share with my facilitators (`shared=yes`) or make it private (anything else): one form for the
 * journal, the wellbeing plan and the stocktake. It cannot fail: the safe reading of any body is "private".
 */
export const sharingForm = z.object({ shared: z.string().optional() }).transform((v) => v.shared === 'yes');

export const COMMENT_MAX = 5000;

/** A facilitator's comment on something shared with them. */
export const commentForm = z.object({
  text: z.string('Write your comment').trim().min(1, 'Write your comment').max(COMMENT_MAX, 'Keep a comment to 5,000 characters or fewer'),
});
