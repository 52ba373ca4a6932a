import type { Kysely } from 'kysely';
import type { Deps } from '../../types.ts';
import type { DB } from '../../db/schema.ts';
import { authorize, canCertifyParticipant, canIssueCertificates, type Actor } from '../../policies/index.ts';
import { recordAudit } from '../../audit/audit.ts';
import { newSecret } from '../../lib/tokens.ts';
import { open, seal } from '../../lib/secret-box.ts';
import { cohortPlan, getCohort } from '../cohorts/index.ts';
import type { REFUSALS } from './model.ts';
import { credentialKeyUrl, dateInZone, ISSUER_NAME, issuerProfileUrl, newVerificationCode, printableName, verifyUrl } from './model.ts';
import { participantStanding } from './queries.ts';
import { newSigningKey, openBadgeCredential, signCredential, type SigningKey } from './credential.ts';
import type { JWK } from 'jose';

/** The server secret the signing key is sealed with, and the purpose that keeps its derived key apart (ADR 21). */
const WRAPPING_SECRET = 'credential_key_wrapping';
const SEAL_PURPOSE = 'credential-signing-key';

async function wrappingSecret(db: Kysely<DB>, now: string): Promise<string> {
  await db
    .insertInto('server_secrets')
    .values({ name: WRAPPING_SECRET, value: newSecret(), created_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return (await db.selectFrom('server_secrets').select('value').where('name', '=', WRAPPING_SECRET).executeTakeFirstOrThrow()).value;
}

/**
 * The key credentials are signed with: the newest stored one, unsealed, or a new pair made on first
 * use. Two processes making one at once each store theirs; both stay published, so both verify.
 */
async function signingKey(deps: Deps): Promise<SigningKey> {
  const now = deps.clock.now().toISOString();
  const secret = await wrappingSecret(deps.db, now);
  const row = await deps.db.selectFrom('credential_keys').selectAll().orderBy('created_at', 'desc').executeTakeFirst();
  if (row) return { kid: row.id, publicJwk: JSON.parse(row.public_jwk) as JWK, privatePkcs8: open(secret, SEAL_PURPOSE, row.private_key_sealed) };
  const key = await newSigningKey();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('credential_keys')
      .values({ id: key.kid, public_jwk: JSON.stringify(key.publicJwk), private_key_sealed: seal(secret, SEAL_PURPOSE, key.privatePkcs8), created_at: now })
      .execute();
    await recordAudit(trx, deps.clock, { action: 'credential_key_created', targetType: 'credential_key', targetId: key.kid });
  });
  return key;
}

export type IssueResult = { ok: true; certificateId: string } | { ok: false; error: keyof typeof REFUSALS | 'not_found' };

/**
 * Issues a certificate of completion and its Open Badges credential to a participant who has
 * completed the cohort by its rules (every requirement met once the cohort has finished).
 */
export async function issueCertificate(deps: Deps, actor: Actor, input: { cohortId: string; userId: string }): Promise<IssueResult> {
  authorize(canCertifyParticipant(actor, { userId: input.userId }));
  const cohort = await getCohort(deps.db, input.cohortId);
  if (!cohort) return { ok: false, error: 'not_found' };
  const now = deps.clock.now();
  const standing = await participantStanding(deps.db, cohort, input.userId, now);
  if (!standing) return { ok: false, error: 'not_participant' };
  if (!standing.eligibility.ok) return { ok: false, error: standing.eligibility.reason };
  // Checked here to answer before signing anything; the insert below is what holds it when requests race.
  if (standing.certificates.some((c) => !c.revoked_at)) return { ok: false, error: 'already_issued' };
  const recipientName = printableName(standing.name);
  if (!recipientName) return { ok: false, error: 'unnamed' };

  const plan = await cohortPlan(deps.db, cohort);
  const lastSession = plan.sessions.reduce((last, s) => (s.startsAt && s.startsAt > last ? s.startsAt : last), '');
  const completedOn = dateInZone(lastSession || now.toISOString(), cohort.time_zone);
  const id = crypto.randomUUID();
  const code = newVerificationCode();
  const issuedAt = now.toISOString();
  const key = await signingKey(deps);
  const base = deps.config.baseUrl;
  const credential = openBadgeCredential({
    certificateId: id,
    recipientName,
    programmeId: cohort.programme_id,
    programmeTitle: plan.programme.title,
    criteria: `Attended at least ${cohort.attendance_threshold}% of the sessions of a cohort of ${plan.programme.title}.`,
    issuedAt,
    issuer: { id: issuerProfileUrl(base), name: ISSUER_NAME, url: base },
    verifyUrl: verifyUrl(base, code),
  });
  const jws = await signCredential(credential, key, credentialKeyUrl(base, key.kid));
  return deps.db.transaction().execute(async (trx): Promise<IssueResult> => {
    // One unrevoked certificate per participant and cohort (the partial unique index
    // certificates_one_valid_idx): a request that lost the race inserts nothing and is told so.
    const inserted = await trx
      .insertInto('certificates')
      .values({
        id,
        code,
        user_id: standing.userId,
        cohort_id: cohort.id,
        programme_id: cohort.programme_id,
        recipient_name: recipientName,
        programme_title: plan.programme.title,
        completed_on: completedOn,
        basis_json: JSON.stringify({ requirements: standing.eligibility.requirements, thresholdPercent: cohort.attendance_threshold }),
        credential_jwt: jws,
        key_id: key.kid,
        issued_at: issuedAt,
        issued_by: actor.id,
        revoked_at: null,
        revoked_by: null,
        revoked_reason: null,
      })
      .onConflict((oc) => oc.columns(['cohort_id', 'user_id']).where('revoked_at', 'is', null).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return { ok: false, error: 'already_issued' };
    await recordAudit(trx, deps.clock, {
      action: 'certificate_issued',
      actorUserId: actor.id,
      subjectUserId: standing.userId,
      targetType: 'certificate',
      targetId: id,
      details: { cohortId: cohort.id },
    });
    return { ok: true, certificateId: id };
  });
}

export type RevokeResult = { ok: true } | { ok: false; error: 'not_found' | 'already_revoked' };

/** Revokes a certificate with a reason; its public page then says so, and its files are no longer handed out. */
export async function revokeCertificate(deps: Deps, actor: Actor, certificateId: string, reason: string): Promise<RevokeResult> {
  authorize(canIssueCertificates(actor));
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('certificates').select(['id', 'user_id', 'revoked_at']).where('id', '=', certificateId).executeTakeFirst();
    if (!row) return { ok: false as const, error: 'not_found' as const };
    authorize(canCertifyParticipant(actor, { userId: row.user_id }));
    if (row.revoked_at) return { ok: false as const, error: 'already_revoked' as const };
    await trx
      .updateTable('certificates')
      .set({ revoked_at: deps.clock.now().toISOString(), revoked_by: actor.id, revoked_reason: reason })
      .where('id', '=', certificateId)
      .execute();
    await recordAudit(trx, deps.clock, {
      action: 'certificate_revoked',
      actorUserId: actor.id,
      subjectUserId: row.user_id,
      targetType: 'certificate',
      targetId: certificateId,
    });
    return { ok: true as const };
  });
}

export interface AwardInput {
  cohortId: string;
  userId: string;
  title: string;
  level: string;
  credits: number | null;
  awardingBody: string;
  awardedOn: string;
}

/** Records an accredited award an awarding body made to a participant of the cohort. */
export async function recordAward(deps: Deps, actor: Actor, input: AwardInput): Promise<{ ok: true } | { ok: false; error: 'not_found' | 'not_participant' }> {
  authorize(canCertifyParticipant(actor, { userId: input.userId }));
  const cohort = await getCohort(deps.db, input.cohortId);
  if (!cohort) return { ok: false, error: 'not_found' };
  const member = await deps.db
    .selectFrom('cohort_members')
    .select('user_id')
    .where('cohort_id', '=', cohort.id)
    .where('user_id', '=', input.userId)
    .where('role', '=', 'participant')
    .executeTakeFirst();
  if (!member) return { ok: false, error: 'not_participant' };
  const id = crypto.randomUUID();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('accredited_awards')
      .values({
        id,
        user_id: input.userId,
        cohort_id: cohort.id,
        title: input.title,
        level: input.level,
        credits: input.credits,
        awarding_body: input.awardingBody,
        awarded_on: input.awardedOn,
        recorded_by: actor.id,
        recorded_at: deps.clock.now().toISOString(),
      })
      .execute();
    await recordAudit(trx, deps.clock, {
      action: 'award_recorded',
      actorUserId: actor.id,
      subjectUserId: input.userId,
      targetType: 'accredited_award',
      targetId: id,
      details: { cohortId: cohort.id },
    });
  });
  return { ok: true };
}
