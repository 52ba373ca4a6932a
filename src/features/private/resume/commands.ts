import type { Deps } from '../../../types.ts';
import type { Actor } from '../../../policies/index.ts';

/** Keeps what someone sent after their login session expired, tied to their account, until they sign in again. */
export async function keepPendingSave(deps: Deps, userId: string, input: { path: string; fields: Record<string, string> }): Promise<string> {
  const id = crypto.randomUUID();
  await deps.db
    .insertInto('pending_saves')
    .values({ id, user_id: userId, path: input.path, fields_json: JSON.stringify(input.fields), created_at: deps.clock.now().toISOString() })
    .execute();
  return id;
}

export interface PendingSave {
  id: string;
  path: string;
  fields: Record<string, string>;
}

/** Hands back one of the person's own kept writings and removes it: it is offered once. */
export async function takePendingSave(deps: Deps, actor: Actor, id: string): Promise<PendingSave | undefined> {
  return deps.db.transaction().execute(async (trx) => {
    const pending = await trx.selectFrom('pending_saves').selectAll().where('id', '=', id).where('user_id', '=', actor.id).executeTakeFirst();
    if (!pending) return undefined;
    await trx.deleteFrom('pending_saves').where('id', '=', pending.id).execute();
    return { id: pending.id, path: pending.path, fields: JSON.parse(pending.fields_json) as Record<string, string> };
  });
}
