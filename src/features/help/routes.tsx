import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../types.ts';
import { renderPage } from '../../views/layout.tsx';
import { fieldErrors, type FieldErrors } from '../../views/form.tsx';
import { allow, currentActor, requireUser } from '../../auth/guards.ts';
import { canEditCrisisContacts } from '../../policies/help.ts';
import { contactForm, contactFormValues, type ContactFormValues } from './forms.ts';
import { getCrisisContact, listCrisisContacts, privacyNotice, staleContactIds } from './queries.ts';
import { addCrisisContact, markCrisisContactChecked, removeCrisisContact, updateCrisisContact } from './commands.ts';
import { ContactAdminList, ContactFormView, contactValues, HelpView, PrivacyView } from './views.tsx';

const readContactForm = async (c: Context<AppEnv>): Promise<ContactFormValues> => contactFormValues(await c.req.parseBody({ all: true }));

/** The public help page at /help: for everyone, signed in or not. */
export function helpRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => renderPage(c, { title: 'Get help now', body: <HelpView contacts={await listCrisisContacts(c.var.deps.db)} /> }));
  return app;
}

/** The privacy notice at /privacy: for everyone, signed in or not. */
export function privacyRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => renderPage(c, { title: 'How we look after your information', body: <PrivacyView entries={privacyNotice()} /> }));
  return app;
}

/** Keeping the crisis contacts current, at /admin/crisis-contacts. */
export function crisisContactRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser, allow(canEditCrisisContacts));

  app.get('/', async (c) => {
    const contacts = await listCrisisContacts(c.var.deps.db);
    const staleIds = staleContactIds(contacts, c.var.deps.clock.now());
    return renderPage(c, { title: 'Crisis contacts', body: <ContactAdminList contacts={contacts} staleIds={staleIds} notice={c.req.query('notice')} /> });
  });

  const newPage = (c: Context<AppEnv>, values: ContactFormValues, errors?: FieldErrors) =>
    renderPage(c, {
      title: 'Add a crisis contact',
      status: errors ? 422 : 200,
      body: <ContactFormView action="/admin/crisis-contacts/new" heading="Add a crisis contact" values={values} errors={errors} />,
    });

  app.get('/new', (c) => newPage(c, { lastCheckedOn: c.var.deps.clock.now().toISOString().slice(0, 10) }));

  app.post('/new', async (c) => {
    const values = await readContactForm(c);
    const parsed = contactForm.safeParse(values);
    if (!parsed.success) return newPage(c, values, fieldErrors(parsed.error));
    await addCrisisContact(c.var.deps, currentActor(c), parsed.data);
    return c.redirect('/admin/crisis-contacts?notice=added', 303);
  });

  app.get('/:id', async (c) => {
    const contact = await getCrisisContact(c.var.deps.db, c.req.param('id'));
    if (!contact) return c.notFound();
    return renderPage(c, {
      title: `Edit ${contact.name}`,
      body: (
        <ContactFormView action={`/admin/crisis-contacts/${contact.id}`} heading={`Edit ${contact.name}`} values={contactValues(contact)} id={contact.id} />
      ),
    });
  });

  app.post('/:id', async (c) => {
    const id = c.req.param('id');
    const values = await readContactForm(c);
    const parsed = contactForm.safeParse(values);
    if (!parsed.success) {
      return renderPage(c, {
        title: 'Edit crisis contact',
        status: 422,
        body: (
          <ContactFormView action={`/admin/crisis-contacts/${id}`} heading="Edit crisis contact" values={values} errors={fieldErrors(parsed.error)} id={id} />
        ),
      });
    }
    if (!(await updateCrisisContact(c.var.deps, currentActor(c), id, parsed.data))) return c.notFound();
    return c.redirect('/admin/crisis-contacts?notice=saved', 303);
  });

  app.post('/:id/checked', async (c) => {
    if (!(await markCrisisContactChecked(c.var.deps, currentActor(c), c.req.param('id')))) return c.notFound();
    return c.redirect('/admin/crisis-contacts?notice=checked', 303);
  });

  app.post('/:id/remove', async (c) => {
    if (!(await removeCrisisContact(c.var.deps, currentActor(c), c.req.param('id')))) return c.notFound();
    return c.redirect('/admin/crisis-contacts?notice=removed', 303);
  });

  return app;
}
