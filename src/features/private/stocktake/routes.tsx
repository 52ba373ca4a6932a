import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../../../types.ts';
import { renderPage } from '../../../views/layout.tsx';
import { fieldErrors, formStrings } from '../../../views/form.tsx';
import { currentActor } from '../../../auth/guards.ts';
import { canKeepStocktake } from '../../../policies/index.ts';
import { requireWriter } from '../resume/middleware.ts';
import { hasConsent } from '../consent/queries.ts';
import { sharingForm } from '../forms.ts';
import { ownStocktakePage } from './queries.ts';
import { saveStocktake, setStocktakeSharing } from './commands.ts';
import { stocktakeForm } from './forms.ts';
import { StocktakeView } from './views.tsx';

const TITLE = 'My personal stocktake';

/** The cohort of the URL, when the person takes part in it; anyone else has no stocktake there. */
function ownCohortId(c: Context<AppEnv>): string {
  const cohortId = c.req.param('cohortId') ?? '';
  if (!canKeepStocktake(currentActor(c), cohortId)) throw new HTTPException(404);
  return cohortId;
}

/** The personal stocktake, at /my/stocktake/:cohortId: private by default, shared only if the participant chooses. */
export function stocktakeRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireWriter);

  app.get('/:cohortId', async (c) => {
    const cohortId = ownCohortId(c);
    const actor = currentActor(c);
    if (!(await hasConsent(c.var.deps.db, actor.id, 'keep_writing'))) return c.redirect('/my/consent', 303);
    return renderPage(c, { title: TITLE, body: <StocktakeView data={await ownStocktakePage(c.var.deps.db, actor.id, cohortId)} /> });
  });

  app.post('/:cohortId', async (c) => {
    const cohortId = ownCohortId(c);
    const actor = currentActor(c);
    const data = await ownStocktakePage(c.var.deps.db, actor.id, cohortId);
    const values = formStrings(await c.req.parseBody());
    const parsed = stocktakeForm(data.questions).safeParse(values);
    if (!parsed.success)
      return renderPage(c, { title: TITLE, status: 422, body: <StocktakeView data={data} values={values} errors={fieldErrors(parsed.error)} /> });
    if ((await saveStocktake(c.var.deps, actor, cohortId, parsed.data)) === 'no_consent') return c.redirect('/my/consent', 303);
    return c.redirect(`/my/stocktake/${cohortId}`, 303);
  });

  app.post('/:cohortId/sharing', async (c) => {
    const cohortId = ownCohortId(c);
    const share = sharingForm.parse(formStrings(await c.req.parseBody()));
    if ((await setStocktakeSharing(c.var.deps, currentActor(c), cohortId, share)) === 'no_consent') return c.redirect('/my/consent', 303);
    return c.redirect(`/my/stocktake/${cohortId}`, 303);
  });

  return app;
}
