import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';
import { newSecret } from '../lib/tokens.ts';

/**
 * Device cookies (OWASP's "device cookies" against account lockout): a browser that signed in to an
 * account, or used its reset link, carries `nonce.mac`, where the mac is an HMAC over the account's id
 * and the nonce with a key only the server holds. Failed sign-ins from it are counted against that
 * cookie alone, so an attacker elsewhere cannot slow the owner down on it.
 */
const KEY_NAME = 'device_cookie_hmac';
const keys = new WeakMap<object, Promise<Buffer>>();

/** The signing key, made on first use and kept in the database so every process shares it. */
function signingKey(db: Kysely<DB>, clock: Clock): Promise<Buffer> {
  let key = keys.get(db);
  if (!key) {
    key = (async () => {
      await db
        .insertInto('server_secrets')
        .values({ name: KEY_NAME, value: newSecret(), created_at: clock.now().toISOString() })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const row = await db.selectFrom('server_secrets').select('value').where('name', '=', KEY_NAME).executeTakeFirstOrThrow();
      return Buffer.from(row.value, 'base64url');
    })();
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

const mac = (key: Buffer, userId: string, nonce: string): Buffer => createHmac('sha256', key).update(`device\n${userId}\n${nonce}`).digest();

/** A new device cookie for a browser that has just shown it belongs to this person. */
export async function issueDeviceCookie(db: Kysely<DB>, clock: Clock, userId: string): Promise<string> {
  const nonce = newSecret().slice(0, 22);
  return `${nonce}.${mac(await signingKey(db, clock), userId, nonce).toString('base64url')}`;
}

/** The cookie's nonce when it is genuine and was issued for this person; null for anything else. */
export async function knownDevice(db: Kysely<DB>, clock: Clock, userId: string, cookie: string | undefined): Promise<string | null> {
  const match = cookie?.match(/^([\w-]{22})\.([\w-]{43})$/);
  if (!match) return null;
  const [, nonce, given] = match;
  const expected = mac(await signingKey(db, clock), userId, nonce!);
  const actual = Buffer.from(given!, 'base64url');
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? nonce! : null;
}
