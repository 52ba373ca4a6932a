import type { Deps } from '../../../types.ts';
import { authorize, canCommentOnHealthItem, type Actor } from '../../../policies/index.ts';
import { healthItemFacts, type HealthItemRef } from '../health-reads.ts';

export type CommentableKind = 'story' | 'journal' | 'wellbeing' | 'stocktake';

/** A facilitator's comment on an item shared with them; the owner sees it with the facilitator's name. */
export async function addComment(deps: Deps, actor: Actor, ref: HealthItemRef<CommentableKind>, text: string): Promise<void> {
  const found = await healthItemFacts(deps.db, ref);
  authorize(found !== undefined && canCommentOnHealthItem(actor, found.facts));
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
