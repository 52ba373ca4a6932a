import { HTTPException } from 'hono/http-exception';
import type { Deps } from '../../../types.ts';
import { authorize, canCommentOnHealthItem, canReadHealthItem, type Actor } from '../../../policies/index.ts';
import { readHealthItem, type HealthItemRef } from '../health-reads.ts';
import { healthItemFactsInCohort } from './queries.ts';

export type CommentableKind = 'story' | 'journal' | 'wellbeing' | 'stocktake';

/** Facts of an item of this cohort's, or the 404 of an address naming another cohort's (or nobody's) item. */
async function inCohort(deps: Deps, cohortId: string, ref: HealthItemRef<CommentableKind>) {
  const found = await healthItemFactsInCohort(deps.db, cohortId, ref);
  if (!found) throw new HTTPException(404, { message: 'not found' });
  return found;
}

/**
 * Reads an item shared with a cohort's facilitators, under that cohort's address: refused unless the
 * item is one of the cohort's and the reader may read it there; then read (and recorded) through
 * `readHealthItem()`. A command because every read by someone other than the owner is written down.
 */
export async function readSharedItem<K extends CommentableKind>(deps: Deps, actor: Actor, cohortId: string, ref: HealthItemRef<K>) {
  authorize(canReadHealthItem(actor, (await inCohort(deps, cohortId, ref)).facts));
  return readHealthItem(deps, actor, ref);
}

/** A facilitator's comment on an item shared with them in this cohort; the owner sees it with the facilitator's name. */
export async function addComment(deps: Deps, actor: Actor, cohortId: string, ref: HealthItemRef<CommentableKind>, text: string): Promise<void> {
  const found = await inCohort(deps, cohortId, ref);
  authorize(canCommentOnHealthItem(actor, found.facts));
  const row = { id: crypto.randomUUID(), owner_id: found.ownerId, author_id: actor.id, text, created_at: deps.clock.now().toISOString() };
  if (ref.kind === 'story')
    await deps.db
      .insertInto('story_comments')
      .values({ ...row, story_id: ref.id })
      .execute();
  else
    await deps.db
      .insertInto('item_comments')
      .values({ ...row, item_type: ref.kind, item_id: ref.id })
      .execute();
}
