import { Hono } from 'hono';
import type { AppEnv } from '../../../types.ts';
import { renderPage } from '../../../views/layout.tsx';
import { fieldErrors, formStrings } from '../../../views/form.tsx';
import { currentActor } from '../../../auth/guards.ts';
import { requireWriter } from '../resume/middleware.ts';
import { hasConsent } from '../consent/queries.ts';
import { sharingForm } from '../forms.ts';
import { ownPlanPage } from './queries.ts';
import { savePlan, setPlanSharing } from './commands.ts';
import { planForm } from './forms.ts';
import { PlanView } from './views.tsx';

const TITLE = 'My wellbeing plan';

/** The optional wellbeing plan, at /my/wellbeing: one per person, private unless shared. */
export function wellbeingPlanRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireWriter);

  app.get('/', async (c) => {
    const actor = currentActor(c);
    if (!(await hasConsent(c.var.deps.db, actor.id, 'keep_writing'))) return c.redirect('/my/consent', 303);
    return renderPage(c, { title: TITLE, body: <PlanView {...await ownPlanPage(c.var.deps.db, actor.id)} /> });
  });

  app.post('/', async (c) => {
    const actor = currentActor(c);
    const values = formStrings(await c.req.parseBody());
    const parsed = planForm.safeParse(values);
    if (!parsed.success) {
      const page = await ownPlanPage(c.var.deps.db, actor.id);
      return renderPage(c, { title: TITLE, status: 422, body: <PlanView {...page} values={values} errors={fieldErrors(parsed.error)} /> });
    }
    if ((await savePlan(c.var.deps, actor, parsed.data)) === 'no_consent') return c.redirect('/my/consent', 303);
    return c.redirect('/my/wellbeing', 303);
  });

  app.post('/sharing', async (c) => {
    const share = sharingForm.parse(formStrings(await c.req.parseBody()));
    if ((await setPlanSharing(c.var.deps, currentActor(c), share)) === 'no_consent') return c.redirect('/my/consent', 303);
    return c.redirect('/my/wellbeing', 303);
  });

  return app;
}
