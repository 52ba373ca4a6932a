import type { Kysely } from 'kysely';
import type { JWK } from 'jose';
import type { AccreditedAwardsTable, CertificatesTable, DB } from '../../db/schema.ts';
import { canDownloadOwnCertificate, type Actor } from '../../policies/index.ts';
import { attendanceSummary, cohortAttendance, cohortParticipants, cohortPlan, type AttendanceSummary, type Cohort } from '../cohorts/index.ts';
import { credentialKeyUrl, eligibility, issuerProfileUrl, verifyUrl, type Eligibility } from './model.ts';
import { credentialStates, verifyCredential } from './credential.ts';

const CERTIFICATE_COLUMNS = [
  'id',
  'code',
  'user_id',
  'cohort_id',
  'programme_id',
  'recipient_name',
  'programme_title',
  'completed_on',
  'issued_at',
  'revoked_at',
  'revoked_reason',
] as const;

/** A certificate as pages show it: its columns without the credential itself. */
export type CertificateRow = Pick<CertificatesTable, (typeof CERTIFICATE_COLUMNS)[number]>;

/** An accredited award as pages show it. */
export type AwardRow = Pick<AccreditedAwardsTable, 'id' | 'user_id' | 'cohort_id' | 'title' | 'level' | 'credits' | 'awarding_body' | 'awarded_on'>;

export interface ParticipantStanding {
  userId: string;
  name: string;
  attendance: AttendanceSummary;
  eligibility: Eligibility;
  certificates: CertificateRow[];
  awards: AwardRow[];
}

/** Each participant of the cohort with where they stand for a certificate, and what they have been given. */
export async function cohortStandings(db: Kysely<DB>, cohort: Cohort, now: Date): Promise<ParticipantStanding[]> {
  const { sessions } = await cohortPlan(db, cohort);
  const marks = await cohortAttendance(db, cohort.id);
  const participants = await cohortParticipants(db, cohort.id);
  const certificates = await db.selectFrom('certificates').select(CERTIFICATE_COLUMNS).where('cohort_id', '=', cohort.id).orderBy('issued_at').execute();
  const awards = await db.selectFrom('accredited_awards').selectAll().where('cohort_id', '=', cohort.id).orderBy('awarded_on').execute();
  return participants.map((p) => {
    const attendance = attendanceSummary(sessions, marks, p.user_id, now, cohort.attendance_threshold);
    return {
      userId: p.user_id,
      name: p.name,
      attendance,
      eligibility: eligibility(attendance, cohort.attendance_threshold),
      certificates: certificates.filter((c) => c.user_id === p.user_id),
      awards: awards.filter((a) => a.user_id === p.user_id),
    };
  });
}

/** One participant's standing in a cohort, or null when they are not one of its participants. */
export async function participantStanding(db: Kysely<DB>, cohort: Cohort, userId: string, now: Date): Promise<ParticipantStanding | null> {
  return (await cohortStandings(db, cohort, now)).find((s) => s.userId === userId) ?? null;
}

/** A certificate by id, for the people who issue them (the route checks). */
export function getCertificate(db: Kysely<DB>, id: string): Promise<CertificateRow | undefined> {
  return db.selectFrom('certificates').select(CERTIFICATE_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The certificates and awards given to the signed-in person. */
export async function myAchievements(db: Kysely<DB>, actor: Actor): Promise<{ certificates: CertificateRow[]; awards: AwardRow[] }> {
  return {
    certificates: await db.selectFrom('certificates').select(CERTIFICATE_COLUMNS).where('user_id', '=', actor.id).orderBy('issued_at', 'desc').execute(),
    awards: await db.selectFrom('accredited_awards').selectAll().where('user_id', '=', actor.id).orderBy('awarded_on', 'desc').execute(),
  };
}

/** How many certificates a person holds, revoked ones included: their home points to them when there are any. */
export async function countCertificates(db: Kysely<DB>, userId: string): Promise<number> {
  const row = await db
    .selectFrom('certificates')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * One of the signed-in person's own certificates with its credential; undefined when there is none or it is
 * someone else's (a 404 either way, so an id says nothing about whether it exists).
 */
export async function ownCertificate(db: Kysely<DB>, actor: Actor, id: string): Promise<(CertificateRow & { credential_jwt: string }) | undefined> {
  const row = await db
    .selectFrom('certificates')
    .select([...CERTIFICATE_COLUMNS, 'credential_jwt'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && canDownloadOwnCertificate(actor, { userId: row.user_id }) ? row : undefined;
}

const publicJwk = (baseUrl: string, row: { id: string; public_jwk: string }): JWK => ({
  ...(JSON.parse(row.public_jwk) as JWK),
  kid: credentialKeyUrl(baseUrl, row.id),
});

/** The public keys credentials are signed with, as published at the issuer profile, each named by its URL. */
export async function publishedKeys(db: Kysely<DB>, baseUrl: string): Promise<JWK[]> {
  const rows = await db.selectFrom('credential_keys').select(['id', 'public_jwk']).orderBy('created_at').execute();
  return rows.map((r) => publicJwk(baseUrl, r));
}

/** One published public key by its id, as the JWK its URL serves; undefined when there is none. */
export async function publishedKey(db: Kysely<DB>, baseUrl: string, keyId: string): Promise<JWK | undefined> {
  const row = await db.selectFrom('credential_keys').select(['id', 'public_jwk']).where('id', '=', keyId).executeTakeFirst();
  return row ? publicJwk(baseUrl, row) : undefined;
}

/**
 * What the public verification page may show of a certificate: name, programme, date and status, and
 * whether its stored credential's signature checks out against the published keys and the credential
 * states the facts shown. Nothing else: not the reason for a revocation, which the participant and
 * coordinators see.
 */
export interface Verification {
  code: string;
  name: string;
  programme: string;
  completedOn: string;
  status: 'valid' | 'revoked';
  revokedOn: string | null;
  credentialVerified: boolean;
}

/** Looks a certificate up by its verification code for the public page. */
export async function verifyByCode(db: Kysely<DB>, baseUrl: string, code: string): Promise<Verification | null> {
  const row = await db
    .selectFrom('certificates')
    .select(['id', 'code', 'recipient_name', 'programme_title', 'completed_on', 'revoked_at', 'credential_jwt'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) return null;
  const payload = await verifyCredential(row.credential_jwt, await publishedKeys(db, baseUrl));
  const states =
    payload !== null &&
    credentialStates(payload, {
      certificateId: row.id,
      recipientName: row.recipient_name,
      programmeTitle: row.programme_title,
      verifyUrl: verifyUrl(baseUrl, row.code),
      issuerId: issuerProfileUrl(baseUrl),
    });
  return {
    code: row.code,
    name: row.recipient_name,
    programme: row.programme_title,
    completedOn: row.completed_on,
    status: row.revoked_at ? 'revoked' : 'valid',
    revokedOn: row.revoked_at,
    credentialVerified: states,
  };
}
