import { Hono } from 'hono';
import type { AppEnv } from '../../types.ts';
import { renderPage } from '../../views/layout.tsx';
import { allow, requireUser } from '../../auth/guards.ts';
import { canReadAuditLog } from '../../policies/users.ts';
import { latestAuditEvents } from './queries.ts';
import { AuditLogView } from './views.tsx';

/** The organisation's audit log at /admin/audit, newest first. */
export function auditRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser, allow(canReadAuditLog));
  app.get('/', async (c) => renderPage(c, { title: 'Audit log', body: <AuditLogView events={await latestAuditEvents(c.var.deps.db)} /> }));
  return app;
}
