import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../types.ts';
import { renderPage } from '../../views/layout.tsx';
import { fieldErrors, formStrings, type FieldErrors, type FormValues } from '../../views/form.tsx';
import { allow, currentActor, requireUser } from '../../auth/guards.ts';
import { authorize } from '../../policies/index.ts';
import { canHandleConcern, canManageSafeguardingLeads, canRaiseConcern } from '../../policies/safeguarding.ts';
import { concernForm, leadForm, outcomeForm } from './forms.ts';
import { concernSubjects, isSafeguardingLead, listConcernsFor, listLeads } from './queries.ts';
import { acknowledgeConcern, addLead, raiseConcern, readConcern, recordOutcome, removeLead } from './commands.ts';
import { ConcernListView, ConcernView, LeadsView, RaiseConcernView } from './views.tsx';

/** Until home imports it from index.ts: the one public name that used to live here. */
export { isSafeguardingLead };

/** Raising a concern, at /cohorts/:cohortId/concerns: the cohort's facilitators and assessors. */
export function raiseConcernRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser, async (c, next) => {
    authorize(canRaiseConcern(c.var.actor, c.req.param('cohortId') ?? ''));
    await next();
  });

  const page = async (c: Context<AppEnv>, values: FormValues, errors?: FieldErrors) => {
    const cohortId = c.req.param('cohortId') ?? '';
    const participants = await concernSubjects(c.var.deps.db, cohortId);
    return renderPage(c, {
      title: 'Raise a safeguarding concern',
      status: errors ? 422 : 200,
      body: <RaiseConcernView cohortId={cohortId} participants={participants} values={values} errors={errors} />,
    });
  };

  app.get('/new', (c) => page(c, { participant: c.req.query('participant') ?? '' }));

  app.post('/new', async (c) => {
    const values = formStrings(await c.req.parseBody());
    const parsed = concernForm.safeParse(values);
    if (!parsed.success) return page(c, values, fieldErrors(parsed.error));
    const result = await raiseConcern(c.var.deps, currentActor(c), c.req.param('cohortId') ?? '', parsed.data);
    if (!result.ok) return page(c, values, result.errors);
    return c.redirect(`/safeguarding/${result.concernId}?notice=raised${parsed.data.immediateRisk === 'yes' ? '&risk=1' : ''}`, 303);
  });

  return app;
}

/**
 * Reading and handling concerns, at /safeguarding. Anyone signed in sees the concerns they raised; the
 * leads see and handle all of them. Everyone else gets the same 404 as for a concern that does not exist.
 */
export function concernRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser);

  app.get('/', async (c) => {
    const actor = currentActor(c);
    const isLead = await isSafeguardingLead(c.var.deps.db, actor.id);
    const concerns = await listConcernsFor(c.var.deps.db, actor, isLead);
    return renderPage(c, { title: 'Safeguarding concerns', body: <ConcernListView concerns={concerns} isLead={isLead} /> });
  });

  const page = async (c: Context<AppEnv>, form?: { outcome: string; errors: FieldErrors }) => {
    const read = await readConcern(c.var.deps, currentActor(c), c.req.param('concernId') ?? '');
    if (!read) return c.notFound();
    return renderPage(c, {
      title: 'Safeguarding concern',
      status: form ? 422 : 200,
      body: (
        <ConcernView
          {...read}
          notice={form ? undefined : c.req.query('notice')}
          risk={c.req.query('risk') === '1'}
          outcome={form?.outcome}
          errors={form?.errors}
        />
      ),
    });
  };

  app.get('/:concernId', (c) => page(c));

  // Checked before the form is read, so a refused person never sees a form page; the commands check again.
  const leadsOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
    const actor = currentActor(c);
    authorize(canHandleConcern(actor, await isSafeguardingLead(c.var.deps.db, actor.id)));
    await next();
  };

  app.post('/:concernId/acknowledge', leadsOnly, async (c) => {
    const id = c.req.param('concernId');
    if (!(await acknowledgeConcern(c.var.deps, currentActor(c), id))) return c.notFound();
    return c.redirect(`/safeguarding/${id}?notice=acknowledged`, 303);
  });

  const outcomeRefusals = {
    not_acknowledged: 'Acknowledge the concern before recording its outcome',
    closed: 'Another lead has already recorded the outcome, so yours was not saved',
  };

  app.post('/:concernId/outcome', leadsOnly, async (c) => {
    const id = c.req.param('concernId');
    const values = formStrings(await c.req.parseBody());
    const parsed = outcomeForm.safeParse(values);
    if (!parsed.success) return page(c, { outcome: values.outcome ?? '', errors: fieldErrors(parsed.error) });
    const result = await recordOutcome(c.var.deps, currentActor(c), id, parsed.data.outcome);
    if (result.ok) return c.redirect(`/safeguarding/${id}?notice=closed`, 303);
    if (result.error === 'not_found') return c.notFound();
    return page(c, { outcome: parsed.data.outcome, errors: { form: outcomeRefusals[result.error] } });
  });

  return app;
}

const leadRefusals = {
  no_active_account: 'No active account has that email address. Invite them first.',
  self: 'You cannot name yourself a safeguarding lead: leads read every concern raised. Ask another administrator to name you.',
};

/** Naming the safeguarding leads, at /admin/safeguarding-leads: administrators. */
export function leadRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser, allow(canManageSafeguardingLeads));

  const page = async (c: Context<AppEnv>, values: FormValues = {}, errors?: FieldErrors) =>
    renderPage(c, {
      title: 'Safeguarding leads',
      status: errors ? 422 : 200,
      body: <LeadsView leads={await listLeads(c.var.deps.db)} notice={errors ? undefined : c.req.query('notice')} values={values} errors={errors} />,
    });

  app.get('/', (c) => page(c));

  app.post('/', async (c) => {
    const values = formStrings(await c.req.parseBody());
    const parsed = leadForm.safeParse(values);
    if (!parsed.success) return page(c, values, fieldErrors(parsed.error));
    const result = await addLead(c.var.deps, currentActor(c), parsed.data.email);
    if (!result.ok) return page(c, values, { email: leadRefusals[result.error] });
    return c.redirect('/admin/safeguarding-leads?notice=added', 303);
  });

  app.post('/:userId/remove', async (c) => {
    if (!(await removeLead(c.var.deps, currentActor(c), c.req.param('userId')))) return c.notFound();
    return c.redirect('/admin/safeguarding-leads?notice=removed', 303);
  });

  return app;
}
