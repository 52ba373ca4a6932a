import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../types.ts';
import { renderPage } from '../../views/layout.tsx';
import { fieldErrors } from '../../views/form.tsx';
import { allow, currentActor, requireUser } from '../../auth/guards.ts';
import { canEditCrisisContacts } from '../../policies/help.ts';
import { privacyRegistry } from '../../db/privacy-registry.ts';
import { contactForm } from './forms.ts';
import { getCrisisContact, isStale, listCrisisContacts } from './queries.ts';
import { addCrisisContact, markCrisisContactChecked, removeCrisisContact, updateCrisisContact } from './commands.ts';
import { ContactAdminList, ContactFormView, contactValues, HelpView, type ContactFormValues } from './views.tsx';
import { ColumnHeads } from '../../views/table.tsx';

async function readContactForm(c: Context<AppEnv>): Promise<ContactFormValues> {
  const body = await c.req.parseBody({ all: true });
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  const nations = body.nations === undefined ? [] : ([] as unknown[]).concat(body.nations).filter((n): n is string => typeof n === 'string');
  return { name: str('name'), howToReach: str('howToReach'), hours: str('hours'), nations, notes: str('notes'), lastCheckedOn: str('lastCheckedOn') };
}

const categoryWords: Record<string, string> = {
  account: 'your account',
  learning: 'your learning',
  health: 'health information (kept with extra care)',
  assessment_evidence: 'assessment evidence',
  operational: 'running the service',
};

/** The public help page, the privacy notice, and keeping crisis contacts current. */
export function helpRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/help', async (c) => {
    const contacts = await listCrisisContacts(c.var.deps.db);
    return renderPage(c, { title: 'Get help now', body: <HelpView contacts={contacts} /> });
  });

  app.get('/privacy', (c) =>
    renderPage(c, {
      title: 'How we look after your information',
      body: (
        <>
          <h1>How we look after your information</h1>
          <p>We keep only what the training needs. This is everything Peer Toolbox stores and why.</p>
          <table>
            <caption class="visually-hidden">What we keep</caption>
            <ColumnHeads columns={['What', 'Kind']} />
            <tbody>
              {Object.values(privacyRegistry).map((t) => (
                <tr>
                  <td>{t.purpose}</td>
                  <td>{categoryWords[t.category]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ),
    }),
  );

  const admin = new Hono<AppEnv>();
  admin.use('*', requireUser, allow(canEditCrisisContacts));

  admin.get('/', async (c) => {
    const contacts = await listCrisisContacts(c.var.deps.db);
    const today = c.var.deps.clock.now();
    const staleIds = new Set(contacts.filter((x) => isStale(x.last_checked_on, today)).map((x) => x.id));
    return renderPage(c, { title: 'Crisis contacts', body: <ContactAdminList contacts={contacts} staleIds={staleIds} /> });
  });

  admin.get('/new', (c) =>
    renderPage(c, {
      title: 'Add a crisis contact',
      body: (
        <ContactFormView
          action="/admin/crisis-contacts/new"
          heading="Add a crisis contact"
          values={{ lastCheckedOn: c.var.deps.clock.now().toISOString().slice(0, 10) }}
        />
      ),
    }),
  );

  admin.post('/new', async (c) => {
    const values = await readContactForm(c);
    const parsed = contactForm.safeParse(values);
    if (!parsed.success) {
      return renderPage(c, {
        title: 'Add a crisis contact',
        status: 422,
        body: <ContactFormView action="/admin/crisis-contacts/new" heading="Add a crisis contact" values={values} errors={fieldErrors(parsed.error)} />,
      });
    }
    await addCrisisContact(c.var.deps, currentActor(c), parsed.data);
    return c.redirect('/admin/crisis-contacts', 303);
  });

  admin.get('/:id', async (c) => {
    const contact = await getCrisisContact(c.var.deps.db, c.req.param('id'));
    if (!contact) return c.notFound();
    return renderPage(c, {
      title: `Edit ${contact.name}`,
      body: (
        <ContactFormView action={`/admin/crisis-contacts/${contact.id}`} heading={`Edit ${contact.name}`} values={contactValues(contact)} id={contact.id} />
      ),
    });
  });

  admin.post('/:id', async (c) => {
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
    return c.redirect('/admin/crisis-contacts', 303);
  });

  admin.post('/:id/checked', async (c) => {
    await markCrisisContactChecked(c.var.deps, currentActor(c), c.req.param('id'));
    return c.redirect('/admin/crisis-contacts', 303);
  });

  admin.post('/:id/remove', async (c) => {
    await removeCrisisContact(c.var.deps, currentActor(c), c.req.param('id'));
    return c.redirect('/admin/crisis-contacts', 303);
  });

  app.route('/admin/crisis-contacts', admin);
  return app;
}
