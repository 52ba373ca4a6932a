import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import { isoAfter, DAY, HOUR } from '../lib/clock.ts';
import { hashSecret, newSecret } from '../lib/tokens.ts';

export type TokenPurpose = 'invitation' | 'password_reset';

export const TOKEN_LIFETIME: Record<TokenPurpose, number> = {
  invitation: 7 * DAY,
  password_reset: 1 * HOUR,
};

/** Issues a single-use token, replacing any earlier unused one for the same purpose. Returns the secret for the link. */
export async function issueToken(db: Kysely<DB>, clock: Clock, userId: string, purpose: TokenPurpose): Promise<string> {
  const secret = newSecret();
  const now = clock.now();
  await db.deleteFrom('user_tokens').where('user_id', '=', userId).where('purpose', '=', purpose).execute();
  await db
    .insertInto('user_tokens')
    .values({
      id: hashSecret(secret),
      user_id: userId,
      purpose,
      created_at: now.toISOString(),
      expires_at: isoAfter(now, TOKEN_LIFETIME[purpose]),
      used_at: null,
    })
    .execute();
  return secret;
}

/** The user a token belongs to, if it is unused and unexpired; does not use it up. */
export async function findValidToken(db: Kysely<DB>, clock: Clock, secret: string, purpose: TokenPurpose): Promise<string | null> {
  const row = await db
    .selectFrom('user_tokens')
    .select('user_id')
    .where('id', '=', hashSecret(secret))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', clock.now().toISOString())
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/** Uses a token up; returns its user, or null if it was already used, expired or never existed. */
export async function consumeToken(db: Kysely<DB>, clock: Clock, secret: string, purpose: TokenPurpose): Promise<string | null> {
  const now = clock.now().toISOString();
  const row = await db
    .updateTable('user_tokens')
    .set({ used_at: now })
    .where('id', '=', hashSecret(secret))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id ?? null;
}
