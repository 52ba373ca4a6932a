import { Hono } from 'hono';
import type { AppEnv } from '../../types.ts';
import { renderPage } from '../../views/layout.tsx';
import { allow, requireUser } from '../../auth/guards.ts';
import { canReadAuditLog } from '../../policies/users.ts';
import { formatDateTime } from '../../lib/format.ts';
import { ColumnHeads } from '../../views/table.tsx';

const actionWords: Record<string, string> = {
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
};

/** The organisation's audit log, newest first. */
export function auditRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser, allow(canReadAuditLog));

  app.get('/', async (c) => {
    const db = c.var.deps.db;
    const events = await db
      .selectFrom('audit_events')
      .leftJoin('users as actor', 'actor.id', 'audit_events.actor_user_id')
      .leftJoin('users as subject', 'subject.id', 'audit_events.subject_user_id')
      .select(['audit_events.id', 'audit_events.occurred_at', 'audit_events.action', 'actor.name as actorName', 'subject.name as subjectName'])
      .orderBy('audit_events.occurred_at', 'desc')
      .limit(200)
      .execute();
    return renderPage(c, {
      title: 'Audit log',
      body: (
        <>
          <h1>Audit log</h1>
          <p>The latest 200 events.</p>
          <table>
            <caption class="visually-hidden">Audit events, newest first</caption>
            <ColumnHeads columns={['When', 'What', 'By', 'About']} />
            <tbody>
              {events.map((e) => (
                <tr>
                  <td>{formatDateTime(e.occurred_at)}</td>
                  <td>{actionWords[e.action] ?? e.action}</td>
                  <td>{e.actorName ?? '—'}</td>
                  <td>{e.subjectName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ),
    });
  });

  return app;
}
