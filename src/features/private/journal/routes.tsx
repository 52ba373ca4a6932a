import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../../../types.ts';
import { renderPage } from '../../../views/layout.tsx';
import { fieldErrors, formStrings, type FieldErrors, type FormValues } from '../../../views/form.tsx';
import { pageNumber } from '../../../views/pager.tsx';
import { currentActor } from '../../../auth/guards.ts';
import { requireWriter } from '../resume/middleware.ts';
import { hasConsent } from '../consent/queries.ts';
import { entryHistory, getOwnEntry, journalPage } from './queries.ts';
import { addJournalEntry, setEntrySharing } from './commands.ts';
import { journalForm } from './forms.ts';
import { sharingForm } from '../forms.ts';
import { EntryView, JournalView } from './views.tsx';

const TITLE = 'My reflective journal';

async function page(c: Context<AppEnv>, values?: FormValues, errors?: FieldErrors) {
  const data = await journalPage(c.var.deps.db, currentActor(c).id, pageNumber(c.req.query('page')));
  return renderPage(c, { title: TITLE, status: errors ? 422 : 200, body: <JournalView data={data} values={values} errors={errors} /> });
}

/** The reflective journal, at /my/journal: private entries, each shared only if the writer chooses. */
export function journalRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireWriter);

  app.get('/', async (c) => ((await hasConsent(c.var.deps.db, currentActor(c).id, 'keep_writing')) ? page(c) : c.redirect('/my/consent', 303)));

  app.post('/', async (c) => {
    const values = formStrings(await c.req.parseBody());
    const parsed = journalForm.safeParse(values);
    if (!parsed.success) return page(c, values, fieldErrors(parsed.error));
    const r = await addJournalEntry(c.var.deps, currentActor(c), parsed.data);
    if (r.ok) return c.redirect(`/my/journal/${r.entryId}`, 303);
    if (r.reason === 'no_consent') return c.redirect('/my/consent', 303);
    return page(c, values, r.errors);
  });

  app.get('/:entryId', async (c) => {
    const entry = await getOwnEntry(c.var.deps.db, currentActor(c).id, c.req.param('entryId'));
    if (!entry) throw new HTTPException(404);
    return renderPage(c, { title: entry.title, body: <EntryView entry={entry} {...await entryHistory(c.var.deps.db, entry.id, entry.user_id)} /> });
  });

  app.post('/:entryId/sharing', async (c) => {
    const entry = await getOwnEntry(c.var.deps.db, currentActor(c).id, c.req.param('entryId'));
    if (!entry) throw new HTTPException(404);
    const share = sharingForm.parse(formStrings(await c.req.parseBody()));
    if ((await setEntrySharing(c.var.deps, currentActor(c), entry.id, share)) === 'no_consent') return c.redirect('/my/consent', 303);
    return c.redirect(`/my/journal/${entry.id}`, 303);
  });

  return app;
}
