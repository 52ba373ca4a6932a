import type { Deps } from '../../../types.ts';
import type { Actor } from '../../../policies/actor.ts';
import { hashSecret, newSecret } from '../../../lib/tokens.ts';

/** Makes a new private feed address for the person, replacing any old one (which stops working). Returns its secret, kept only hashed. */
export async function renewCalendarFeed(deps: Deps, actor: Actor): Promise<string> {
  const token = newSecret();
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('calendar_feeds').where('user_id', '=', actor.id).execute();
    await trx
      .insertInto('calendar_feeds')
      .values({ user_id: actor.id, token_hash: hashSecret(token), created_at: deps.clock.now().toISOString() })
      .execute();
  });
  return token;
}

/** Turns the person's feed off: its address stops working. */
export async function revokeCalendarFeed(deps: Deps, actor: Actor): Promise<void> {
  await deps.db.deleteFrom('calendar_feeds').where('user_id', '=', actor.id).execute();
}
