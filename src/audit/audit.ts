import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';

export type AuditAction =
  | 'sign_in'
  | 'sign_in_failed'
  | 'sign_in_throttled'
  | 'sign_out'
  | 'first_administrator_created'
  | 'user_invited'
  | 'invitation_accepted'
  | 'role_changed'
  | 'user_deactivated'
  | 'user_reactivated'
  | 'password_changed'
  | 'password_reset_requested'
  | 'password_reset'
  | 'crisis_contact_changed'
  | 'programme_imported'
  | 'programme_published'
  | 'curriculum_edited'
  | 'interest_viewed'
  | 'place_accepted'
  | 'health_data_viewed'
  | 'consent_changed'
  | 'data_exported'
  | 'safeguarding_concern_raised'
  | 'safeguarding_concern_viewed'
  | 'safeguarding_lead_changed'
  /** Someone was given a cohort role that opens its participants' data (details: the role). */
  | 'cohort_role_granted'
  /** Someone was enrolled as a participant, which opens what they share to the cohort's facilitators. */
  | 'participant_enrolled'
  | 'certificate_issued'
  | 'certificate_revoked'
  | 'award_recorded'
  | 'credential_key_created';

export interface AuditEvent {
  action: AuditAction;
  actorUserId?: string | null;
  subjectUserId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  /** Small, non-sensitive facts (a role name, a count). Never passwords, tokens or health data. */
  details?: Record<string, string | number | boolean | null>;
}

/** Writes one audit event; call it inside the command's transaction so the two commit together. */
export async function recordAudit(db: Kysely<DB>, clock: Clock, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      id: crypto.randomUUID(),
      occurred_at: clock.now().toISOString(),
      actor_user_id: event.actorUserId ?? null,
      action: event.action,
      subject_user_id: event.subjectUserId ?? null,
      target_type: event.targetType ?? null,
      target_id: event.targetId ?? null,
      ip: event.ip ?? null,
      details: event.details ? JSON.stringify(event.details) : null,
    })
    .execute();
}
