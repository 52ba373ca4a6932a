import type { AuditAction } from '../../audit/audit.ts';
import { formatDateTime } from '../../lib/format.ts';
import { ColumnHeads } from '../../views/table.tsx';
import type { AuditRow } from './queries.ts';

/** Every action in words; typed by `AuditAction`, so a new action cannot be added without its words. */
const actionWords: Record<AuditAction, string> = {
  sign_in: 'Signed in',
  sign_in_failed: 'Failed sign-in',
  sign_in_throttled: 'Sign-in refused: too many attempts',
  sign_out: 'Signed out',
  first_administrator_created: 'First administrator created',
  user_invited: 'Invited',
  invitation_accepted: 'Accepted invitation',
  role_changed: 'Role changed',
  user_deactivated: 'Deactivated',
  user_reactivated: 'Reactivated',
  password_changed: 'Changed password',
  password_reset_requested: 'Asked for a password reset',
  password_reset: 'Reset password',
  crisis_contact_changed: 'Changed a crisis contact',
  programme_imported: 'Imported a programme',
  programme_published: 'Published a programme version',
  curriculum_edited: 'Edited a programme draft',
  interest_viewed: 'Read expressions of interest',
  place_accepted: 'Accepted a place in a cohort',
  health_data_viewed: 'Read someone’s shared writing',
  consent_changed: 'Changed their consents',
  data_exported: 'Downloaded their data',
  safeguarding_concern_raised: 'Raised a safeguarding concern',
  safeguarding_concern_viewed: 'Read a safeguarding concern',
  safeguarding_lead_changed: 'Changed the safeguarding leads',
  cohort_role_granted: 'Gave a cohort role that opens participants’ data',
  participant_enrolled: 'Enrolled a participant in a cohort',
  certificate_issued: 'Issued a certificate',
  certificate_revoked: 'Revoked a certificate',
  award_recorded: 'Recorded an accredited award',
  credential_key_created: 'Made a key for signing credentials',
};

const words = (action: string): string => (actionWords as Record<string, string>)[action] ?? action;

export function AuditLogView({ events }: { events: AuditRow[] }) {
  return (
    <>
      <h1>Audit log</h1>
      <p>The latest 200 events. Whom a safeguarding concern is about is shown only to the safeguarding leads, on the concern.</p>
      <table>
        <caption class="visually-hidden">Audit events, newest first</caption>
        <ColumnHeads columns={['When', 'What', 'By', 'About']} />
        <tbody>
          {events.map((e) => (
            <tr>
              <td>{formatDateTime(e.occurred_at)}</td>
              <td>{words(e.action)}</td>
              <td>{e.actorName ?? '—'}</td>
              <td>{e.withheld ? 'Withheld' : (e.subjectName ?? '—')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
