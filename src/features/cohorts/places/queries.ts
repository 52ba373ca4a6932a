import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { toNumber } from '../../../db/helpers.ts';
import { hashSecret } from '../../../lib/tokens.ts';
import { getCohort, type Cohort } from '../queries.ts';

/** A cohort whose public interest form is open, or undefined. */
export async function cohortOpenForInterest(db: Kysely<DB>, cohortId: string): Promise<Cohort | undefined> {
  const cohort = await getCohort(db, cohortId);
  return cohort && cohort.interest_open === 1 ? cohort : undefined;
}

/** How many of the cohort's places are taken (by participants). */
export async function placesTaken(db: Kysely<DB>, cohortId: string): Promise<number> {
  const row = await db
    .selectFrom('cohort_members')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('cohort_id', '=', cohortId)
    .where('role', '=', 'participant')
    .executeTakeFirstOrThrow();
  return toNumber(row.n);
}

/** The open offer a link's token stands for, with its cohort; undefined once taken, declined or withdrawn. */
export async function openOffer(db: Kysely<DB>, token: string): Promise<{ name: string; cohort: Cohort } | undefined> {
  const entry = await db.selectFrom('cohort_interest').select(['cohort_id', 'status', 'name']).where('token_hash', '=', hashSecret(token)).executeTakeFirst();
  if (!entry || entry.status !== 'offered') return undefined;
  const cohort = await getCohort(db, entry.cohort_id);
  return cohort ? { name: entry.name, cohort } : undefined;
}
