import type { Deps } from '../../src/types.ts';
import { hashPassword } from '../../src/auth/passwords.ts';
import type { OrgRole } from '../../src/policies/actor.ts';
import type { TestClient } from './client.ts';

export const PASSWORD = 'kettle harbour lantern';

let counter = 0;

/** An active account with a known password. */
export async function createUser(deps: Deps, input: { role?: OrgRole | null; name?: string; email?: string; password?: string; status?: string } = {}) {
  counter += 1;
  const now = deps.clock.now().toISOString();
  const user = {
    id: crypto.randomUUID(),
    email: input.email ?? `person${counter}-${crypto.randomUUID().slice(0, 6)}@example.org`,
    name: input.name ?? `Person ${counter}`,
    role: input.role === undefined ? null : input.role,
    status: input.status ?? 'active',
    password_hash: await hashPassword(input.password ?? PASSWORD),
    created_at: now,
    updated_at: now,
    password_changed_at: now,
    deactivated_at: null,
  };
  await deps.db.insertInto('users').values(user).execute();
  return user;
}

/** Signs a client in through the real form; fails the test if that does not work. */
export async function signIn(client: TestClient, email: string, password = PASSWORD): Promise<void> {
  const res = await client.post('/sign-in', { email, password, next: '/' });
  if (res.status !== 303) throw new Error(`sign-in failed with ${res.status}`);
}

/** The newest outbox message to an address, and the first link in it. */
export async function lastMailTo(deps: Deps, to: string): Promise<{ subject: string; text: string; link: string | null }> {
  const m = await deps.db.selectFrom('outbox_messages').selectAll().where('to_address', '=', to).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  const url = m.body_text.match(/https?:\/\/\S+/)?.[0] ?? null;
  return { subject: m.subject, text: m.body_text, link: url ? new URL(url).pathname : null };
}
