import { Hono } from 'hono';
import type { AppEnv } from '../../types.ts';
import { renderPage } from '../../views/layout.tsx';
import { fieldErrors, formStrings } from '../../views/form.tsx';
import { allow, currentActor, requireUser } from '../../auth/guards.ts';
import { canManageUsers } from '../../policies/users.ts';
import { inviteForm, roleForm } from './forms.ts';
import { getUser, listUsers } from './queries.ts';
import { changeRole, deactivateUser, inviteUser, reactivateUser, resendInvitation } from './commands.ts';
import { InviteView, UserListView, UserView } from './views.tsx';

/** Administrators manage accounts: list, invite, change roles, deactivate. */
export function adminUserRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser, allow(canManageUsers));

  app.get('/', async (c) => renderPage(c, { title: 'People', body: <UserListView users={await listUsers(c.var.deps.db)} notice={c.req.query('notice')} /> }));

  app.get('/invite', (c) => renderPage(c, { title: 'Invite someone', body: <InviteView /> }));

  app.post('/invite', async (c) => {
    const values = formStrings(await c.req.parseBody());
    const parsed = inviteForm.safeParse(values);
    const page = (errors: Record<string, string>) =>
      renderPage(c, { title: 'Invite someone', status: 422, body: <InviteView values={values} errors={errors} /> });
    if (!parsed.success) return page(fieldErrors(parsed.error));
    const result = await inviteUser(c.var.deps, currentActor(c), parsed.data);
    if (!result.ok) return page({ email: 'Someone with this email address already has an account' });
    return c.redirect('/admin/users?notice=invited', 303);
  });

  app.get('/:id', async (c) => {
    const user = await getUser(c.var.deps.db, c.req.param('id'));
    if (!user) return c.notFound();
    return renderPage(c, { title: user.name, body: <UserView user={user} isSelf={user.id === currentActor(c).id} notice={c.req.query('notice')} /> });
  });

  app.post('/:id/role', async (c) => {
    const id = c.req.param('id');
    const user = await getUser(c.var.deps.db, id);
    if (!user) return c.notFound();
    const page = (errors: Record<string, string>) =>
      renderPage(c, { title: user.name, status: 422, body: <UserView user={user} isSelf={user.id === currentActor(c).id} errors={errors} /> });
    const parsed = roleForm.safeParse(formStrings(await c.req.parseBody()));
    if (!parsed.success) return page(fieldErrors(parsed.error));
    const result = await changeRole(c.var.deps, currentActor(c), id, parsed.data.role);
    if (!result.ok) {
      if (result.error === 'not_found') return c.notFound();
      return page({ role: 'There must always be at least one active administrator. Make someone else an administrator first.' });
    }
    return c.redirect(`/admin/users/${id}?notice=role`, 303);
  });

  app.post('/:id/deactivate', async (c) => {
    const id = c.req.param('id');
    if (!(await deactivateUser(c.var.deps, currentActor(c), id))) return c.notFound();
    return c.redirect(`/admin/users/${id}?notice=deactivated`, 303);
  });

  app.post('/:id/reactivate', async (c) => {
    const id = c.req.param('id');
    if (!(await reactivateUser(c.var.deps, currentActor(c), id))) return c.notFound();
    return c.redirect(`/admin/users/${id}?notice=reactivated`, 303);
  });

  app.post('/:id/resend', async (c) => {
    const id = c.req.param('id');
    if (!(await resendInvitation(c.var.deps, currentActor(c), id))) return c.notFound();
    return c.redirect(`/admin/users/${id}?notice=resent`, 303);
  });

  return app;
}
