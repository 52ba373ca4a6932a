import { Hono } from 'hono';
import type { AppEnv } from '../../types.ts';
import { renderPage } from '../../views/layout.tsx';
import { setupIsOpen } from '../../auth/commands.ts';
import { canManageUsers } from '../../policies/users.ts';
import { canEditCrisisContacts } from '../../policies/help.ts';
import { roleLabel } from '../../policies/actor.ts';
import { countStaleContacts } from '../help/queries.ts';
import { FacilitatorDayView, homeData, ParticipantHomeView } from '../cohorts/home.tsx';
import { isSafeguardingLead } from '../safeguarding/routes.tsx';

/** The home page: first-run setup until there is an administrator, then each person's starting point. */
export function homeRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const deps = c.var.deps;
    const actor = c.var.actor;
    if (!actor) {
      if (await setupIsOpen(deps)) return c.redirect('/setup', 303);
      return c.redirect('/sign-in', 303);
    }
    const stale = canEditCrisisContacts(actor) ? await countStaleContacts(deps.db, deps.clock.now()) : 0;
    const cohorts = await homeData(deps, actor);
    const lead = await isSafeguardingLead(deps.db, actor.id);
    return renderPage(c, {
      title: 'Home',
      body: (
        <>
          {c.req.query('notice') === 'welcome' ? (
            <div class="notice" role="status">
              <p>Your account is ready. Welcome to Peer Toolbox.</p>
            </div>
          ) : null}
          <h1>Hello, {actor.name}</h1>
          <p class="hint">Organisation role: {roleLabel(actor.role)}</p>
          {stale > 0 ? (
            <div class="warning" role="status">
              <p>
                <strong>
                  {stale} crisis {stale === 1 ? 'contact needs' : 'contacts need'} checking
                </strong>{' '}
                — last checked more than six months ago. <a href="/admin/crisis-contacts">Review crisis contacts</a>
              </p>
            </div>
          ) : null}
          <FacilitatorDayView days={cohorts.facilitating} />
          <ParticipantHomeView cohorts={cohorts.participating} />
          <ul class="card-list">
            {canManageUsers(actor) ? (
              <li>
                <a href="/admin/users">People</a>
                <p>Invite people, change roles and deactivate accounts.</p>
              </li>
            ) : null}
            {canEditCrisisContacts(actor) ? (
              <li>
                <a href="/admin/crisis-contacts">Crisis contacts</a>
                <p>Keep the Get help now page current.</p>
              </li>
            ) : null}
            {lead ? (
              <li>
                <a href="/safeguarding">Safeguarding concerns</a>
                <p>You are a named safeguarding lead.</p>
              </li>
            ) : null}
            <li>
              <a href="/help">Get help now</a>
              <p>Crisis contacts, any time you need them.</p>
            </li>
            <li>
              <a href="/account">Your account</a>
              <p>Your details and password.</p>
            </li>
          </ul>
        </>
      ),
    });
  });

  return app;
}
