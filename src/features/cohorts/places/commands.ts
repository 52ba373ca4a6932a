import type { Deps } from '../../../types.ts';
import type { Actor } from '../../../policies/actor.ts';
import { authorize } from '../../../policies/index.ts';
import { canManagePlaces } from '../../../policies/cohorts.ts';
import { recordAudit } from '../../../audit/audit.ts';
import { lockCohortRow } from '../../../db/index.ts';
import { toDbBool } from '../../../db/helpers.ts';
import { hashSecret, newSecret } from '../../../lib/tokens.ts';
import { formatDate } from '../../../lib/format.ts';
import { HOUR } from '../../../lib/clock.ts';
import { rateLimit } from '../../../auth/rate-limit.ts';
import { createInvitedUser, sendInvitation } from '../../admin-users/index.ts';
import { getCohort, type Cohort } from '../queries.ts';
import type { InterestInput } from './forms.ts';
import { placesTaken } from './queries.ts';

/** How many registrations of interest an hour each cohort takes from one network address, and for one email address. */
export const INTEREST_LIMITS = { perAddress: 10, perEmail: 3, windowMs: HOUR } as const;

/**
 * Records someone's interest in a cohort, once per email address; a second registration changes
 * nothing. Public: the route offers it only while the cohort's form is open. Registrations beyond
 * `INTEREST_LIMITS` are dropped without a word, so the answer is the same whether a registration was
 * taken, already there or over a limit, and the form reveals nothing about who has registered.
 */
export async function registerInterest(deps: Deps, cohort: Cohort, input: InterestInput & { ip: string }): Promise<void> {
  const { db, clock } = deps;
  const { perAddress, perEmail, windowMs } = INTEREST_LIMITS;
  // Broadest first, so a flood from one address does not use up the allowance of the emails it names.
  if (!(await rateLimit(db, clock, `interest:ip:${cohort.id}:${input.ip}`, perAddress, windowMs))) return;
  if (!(await rateLimit(db, clock, `interest:email:${cohort.id}:${input.email}`, perEmail, windowMs))) return;
  await deps.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('cohort_interest')
      .select('id')
      .where('cohort_id', '=', cohort.id)
      .where('email', '=', input.email)
      .executeTakeFirst();
    if (existing) return;
    await trx
      .insertInto('cohort_interest')
      .values({
        id: crypto.randomUUID(),
        cohort_id: cohort.id,
        name: input.name,
        email: input.email,
        why_now: input.whyNow,
        status: 'waiting',
        token_hash: null,
        created_at: deps.clock.now().toISOString(),
        offered_at: null,
        responded_at: null,
      })
      .execute();
  });
}

/**
 * The interest list of a cohort, for its coordinators. "Why now" may hold health information, so
 * every reading of a non-empty list is recorded in the audit log: that write is why this is a command.
 */
export async function readInterestList(deps: Deps, actor: Actor, cohortId: string) {
  authorize(canManagePlaces(actor));
  return deps.db.transaction().execute(async (trx) => {
    const entries = await trx.selectFrom('cohort_interest').selectAll().where('cohort_id', '=', cohortId).orderBy('created_at').execute();
    if (entries.length)
      await recordAudit(trx, deps.clock, {
        action: 'interest_viewed',
        actorUserId: actor.id,
        targetType: 'cohort',
        targetId: cohortId,
        details: { entries: entries.length },
      });
    return entries;
  });
}
export type InterestEntry = Awaited<ReturnType<typeof readInterestList>>[number];

/** Opens or closes a cohort's public interest form. */
export async function setInterestOpen(deps: Deps, actor: Actor, cohortId: string, open: boolean): Promise<void> {
  authorize(canManagePlaces(actor));
  await deps.db
    .updateTable('cohorts')
    .set({ interest_open: open ? 1 : 0 })
    .where('id', '=', cohortId)
    .execute();
}

/** Offers a place to someone waiting: their link (a secret kept only hashed) goes to them by email. False when there is no such entry. */
export async function offerPlace(deps: Deps, actor: Actor, cohortId: string, entryId: string): Promise<boolean> {
  authorize(canManagePlaces(actor));
  const cohort = await getCohort(deps.db, cohortId);
  const entry = await deps.db.selectFrom('cohort_interest').selectAll().where('id', '=', entryId).where('cohort_id', '=', cohortId).executeTakeFirst();
  if (!cohort || !entry) return false;
  if (entry.status !== 'waiting') return true;
  const token = newSecret();
  await deps.db
    .updateTable('cohort_interest')
    .set({ status: 'offered', token_hash: hashSecret(token), offered_at: deps.clock.now().toISOString() })
    .where('id', '=', entry.id)
    .where('status', '=', 'waiting')
    .execute();
  await deps.mailer.send({
    to: entry.email,
    subject: `A place in ${cohort.name}`,
    text: `Hello ${entry.name},\n\nA place is free in ${cohort.name}, starting ${formatDate(cohort.starts_on)}. To take it, or to let someone else have it, open:\n\n${deps.config.baseUrl}/places/${token}\n\nPlaces go to whoever accepts first.\n`,
  });
  return true;
}

/** Turns down an offered place, so it can go to someone else. */
export async function declinePlace(deps: Deps, token: string): Promise<void> {
  await deps.db
    .updateTable('cohort_interest')
    .set({ status: 'declined', token_hash: null, responded_at: deps.clock.now().toISOString() })
    .where('token_hash', '=', hashSecret(token))
    .where('status', '=', 'offered')
    .execute();
}

export type AcceptResult = { ok: true } | { ok: false; reason: 'full' | 'invalid' };

/**
 * Takes up an offered place. The cohort row is locked for the transaction, so two people accepting
 * the last place at the same moment are served one after the other and capacity is never exceeded.
 */
export async function acceptPlace(deps: Deps, token: string): Promise<AcceptResult> {
  const entry = await deps.db.selectFrom('cohort_interest').selectAll().where('token_hash', '=', hashSecret(token)).executeTakeFirst();
  if (!entry || entry.status !== 'offered') return { ok: false, reason: 'invalid' };
  const outcome = await deps.db.transaction().execute(async (trx) => {
    await lockCohortRow(trx, deps.database.engine, entry.cohort_id);
    const fresh = await trx.selectFrom('cohort_interest').select('status').where('id', '=', entry.id).executeTakeFirstOrThrow();
    if (fresh.status !== 'offered') return { ok: false as const, reason: 'invalid' as const };
    const cohort = await trx.selectFrom('cohorts').select(['capacity', 'created_by']).where('id', '=', entry.cohort_id).executeTakeFirstOrThrow();
    const taken = await placesTaken(trx, entry.cohort_id);
    const now = deps.clock.now().toISOString();
    if (cohort.capacity !== null && taken >= cohort.capacity) {
      await trx.updateTable('cohort_interest').set({ status: 'waiting', token_hash: null, responded_at: now }).where('id', '=', entry.id).execute();
      return { ok: false as const, reason: 'full' as const };
    }
    let user = await trx.selectFrom('users').select('id').where('email', '=', entry.email).executeTakeFirst();
    let invitation: { userId: string; secret: string } | null = null;
    if (!user) {
      invitation = await createInvitedUser(trx, deps.clock, cohort.created_by, { name: entry.name, email: entry.email, role: null });
      user = { id: invitation.userId };
    }
    const already = await trx
      .selectFrom('cohort_members')
      .select('id')
      .where('cohort_id', '=', entry.cohort_id)
      .where('user_id', '=', user.id)
      .where('role', '=', 'participant')
      .executeTakeFirst();
    if (!already) {
      await trx
        .insertInto('cohort_members')
        .values({
          id: crypto.randomUUID(),
          cohort_id: entry.cohort_id,
          user_id: user.id,
          role: 'participant',
          is_lead: toDbBool(false),
          lived_experience: toDbBool(false),
          created_at: now,
        })
        .execute();
    }
    await trx.updateTable('cohort_interest').set({ status: 'accepted', token_hash: null, responded_at: now }).where('id', '=', entry.id).execute();
    await recordAudit(trx, deps.clock, { action: 'place_accepted', subjectUserId: user.id, targetType: 'cohort', targetId: entry.cohort_id });
    return { ok: true as const, invitation };
  });
  if (!outcome.ok) return outcome;
  if (outcome.invitation) {
    const cohort = (await getCohort(deps.db, entry.cohort_id))!;
    const inviter: Actor = { id: '', name: 'The programme team', email: '', role: null, cohortRoles: [] };
    await sendInvitation(deps, { email: entry.email, name: entry.name, role: null }, inviter, outcome.invitation.secret, cohort.name);
  }
  return { ok: true };
}
