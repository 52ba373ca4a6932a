import { Hono } from 'hono';
import type { AppEnv } from '../../../types.ts';
import { renderPage } from '../../../views/layout.tsx';
import { fieldErrors, formStrings } from '../../../views/form.tsx';
import { allow, currentActor, requireUser } from '../../../auth/guards.ts';
import { canEditConsentTexts } from '../../../policies/index.ts';
import { requireWriter } from '../resume/middleware.ts';
import { consentChoices, currentConsentTexts } from './queries.ts';
import { changeConsents, saveConsentText } from './commands.ts';
import { consentForm, consentTextForm } from './forms.ts';
import { isConsentPurpose } from './model.ts';
import { ConsentTextsView, ConsentView } from './views.tsx';

const TITLE = 'Your choices about your information';

/** The participant's consent choices, at /my/consent. */
export function consentRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireWriter);

  app.get('/', async (c) =>
    renderPage(c, { title: TITLE, body: <ConsentView {...await consentChoices(c.var.deps.db, currentActor(c).id)} notice={c.req.query('notice')} /> }),
  );

  app.post('/', async (c) => {
    const parsed = consentForm.safeParse(formStrings(await c.req.parseBody()));
    if (!parsed.success) {
      const choices = await consentChoices(c.var.deps.db, currentActor(c).id);
      return renderPage(c, { title: TITLE, status: 422, body: <ConsentView {...choices} errors={fieldErrors(parsed.error)} /> });
    }
    await changeConsents(c.var.deps, currentActor(c), parsed.data);
    return c.redirect('/my/consent?notice=consent', 303);
  });

  return app;
}

/** The consent wording, kept current by coordinators and administrators, at /admin/consent-texts. */
export function consentTextRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser, allow(canEditConsentTexts));

  app.get('/', async (c) => renderPage(c, { title: 'Consent wording', body: <ConsentTextsView texts={await currentConsentTexts(c.var.deps.db)} /> }));

  app.post('/:purpose', async (c) => {
    const purpose = c.req.param('purpose');
    if (!isConsentPurpose(purpose)) return c.notFound();
    const values = formStrings(await c.req.parseBody());
    const parsed = consentTextForm.safeParse(values);
    if (!parsed.success) {
      const texts = await currentConsentTexts(c.var.deps.db);
      return renderPage(c, {
        title: 'Consent wording',
        status: 422,
        body: <ConsentTextsView texts={texts} failed={{ purpose, values, errors: fieldErrors(parsed.error) }} />,
      });
    }
    await saveConsentText(c.var.deps, currentActor(c), { purpose, ...parsed.data });
    return c.redirect('/admin/consent-texts', 303);
  });

  return app;
}
