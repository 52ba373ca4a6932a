import type { Db } from '../../db/index.ts';
import { privacyRegistry } from '../../db/privacy-registry.ts';

/** Target types whose records are held back for review (safeguarding concerns): the log does not name their subject. */
const HELD_BACK = new Set(Object.values(privacyRegistry).flatMap((d) => (d.reviewBeforeRelease && d.auditTargetType ? [d.auditTargetType] : [])));

export interface AuditRow {
  id: string;
  occurred_at: string;
  action: string;
  actorName: string | null;
  /** Null when there is no subject, or when it is withheld. */
  subjectName: string | null;
  withheld: boolean;
}

/**
 * The newest 200 audit events with the names of who acted and whom it was about. Events about a
 * safeguarding concern do not name the participant: the log's readers may not read the concern, so
 * they do not learn whom one is about either.
 */
export async function latestAuditEvents(db: Db): Promise<AuditRow[]> {
  const rows = await db
    .selectFrom('audit_events')
    .leftJoin('users as actor', 'actor.id', 'audit_events.actor_user_id')
    .leftJoin('users as subject', 'subject.id', 'audit_events.subject_user_id')
    .select([
      'audit_events.id',
      'audit_events.occurred_at',
      'audit_events.action',
      'audit_events.target_type',
      'actor.name as actorName',
      'subject.name as subjectName',
    ])
    .orderBy('audit_events.occurred_at', 'desc')
    .limit(200)
    .execute();
  return rows.map(({ target_type, subjectName, ...row }) => {
    const withheld = target_type !== null && HELD_BACK.has(target_type);
    return { ...row, subjectName: withheld ? null : subjectName, withheld };
  });
}
