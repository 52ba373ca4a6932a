import type { Child } from 'hono/jsx';
import type { Context } from 'hono';
import type { AppEnv } from '../types.ts';
import type { Actor } from '../policies/actor.ts';
import { canManageUsers, canReadAuditLog, canReadOutbox } from '../policies/users.ts';
import { canEditCrisisContacts } from '../policies/help.ts';
import { canManageSafeguardingLeads } from '../policies/safeguarding.ts';
import { canSeeSafeguardingLink } from '../policies/home.ts';

interface NavItem {
  href: string;
  label: string;
}

/** Navigation depends on the person's roles; nothing is offered that would end in a refusal. */
function navFor(actor: Actor | null, usesOutbox: boolean): NavItem[] {
  if (!actor) return [];
  const items: NavItem[] = [
    { href: '/', label: 'Home' },
    { href: '/cohorts', label: 'Cohorts' },
    { href: '/programmes', label: 'Curriculum' },
    { href: '/search', label: 'Search' },
    { href: '/my', label: 'My private space' },
  ];
  if (canManageUsers(actor)) items.push({ href: '/admin/users', label: 'People' });
  if (canEditCrisisContacts(actor)) items.push({ href: '/admin/crisis-contacts', label: 'Crisis contacts' });
  if (canEditCrisisContacts(actor)) items.push({ href: '/admin/consent-texts', label: 'Consent wording' });
  if (usesOutbox && canReadOutbox(actor)) items.push({ href: '/admin/outbox', label: 'Outbox' });
  if (canReadAuditLog(actor)) items.push({ href: '/admin/audit', label: 'Audit log' });
  if (canManageSafeguardingLeads(actor)) items.push({ href: '/admin/safeguarding-leads', label: 'Safeguarding leads' });
  if (canSeeSafeguardingLink(actor, actor.safeguardingLead ?? false)) items.push({ href: '/safeguarding', label: 'Safeguarding' });
  items.push({ href: '/account', label: 'Your account' });
  return items;
}

function NavList({ items, path }: { items: NavItem[]; path: string }) {
  return (
    <ul>
      {items.map((item) => (
        <li>
          <a href={item.href} aria-current={isCurrent(path, item.href) ? 'page' : undefined}>
            {item.label}
          </a>
        </li>
      ))}
      <li>
        <form method="post" action="/sign-out" class="inline-form">
          <button type="submit" class="link-button">
            Sign out
          </button>
        </form>
      </li>
    </ul>
  );
}

interface LayoutProps {
  title: string;
  actor: Actor | null;
  path: string;
  usesOutbox: boolean;
  hasErrors?: boolean;
  children: Child;
}

export function Layout({ title, actor, path, usesOutbox, hasErrors, children }: LayoutProps) {
  const nav = navFor(actor, usesOutbox);
  return (
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${hasErrors ? 'Error: ' : ''}${title} – Peer Toolbox`}</title>
        <link rel="stylesheet" href="/static/styles.css" />
        <script type="module" src="/static/enhance/main.js"></script>
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to main content
        </a>
        <header class="site-header">
          <div class="header-inner">
            <a class="brand" href="/">
              Peer Toolbox
            </a>
            <a class="help-link" href="/help">
              Get help now
            </a>
          </div>
          {nav.length > 0 ? (
            // Narrow screens get a disclosure menu that needs no JavaScript; wide ones a row. Only one of
            // the two lists is displayed at any width, so assistive technology meets the links once.
            <nav class="site-nav" aria-label="Main">
              <details class="nav-menu">
                <summary>Menu</summary>
                <NavList items={nav} path={path} />
              </details>
              <div class="nav-row">
                <NavList items={nav} path={path} />
              </div>
            </nav>
          ) : null}
        </header>
        <main id="main" tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <p>
            If you are worried about your safety or someone else’s, <a href="/help">find crisis help</a>.
          </p>
          <p>
            <a href="/privacy">How we look after your information</a>
          </p>
        </footer>
      </body>
    </html>
  );
}

const isCurrent = (path: string, href: string) => (href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`));

interface PageOptions {
  title: string;
  body: Child;
  status?: 200 | 400 | 403 | 404 | 409 | 410 | 413 | 422 | 429 | 500;
  hasErrors?: boolean;
}

/** Renders a whole page inside the shared layout. */
export async function renderPage(c: Context<AppEnv>, { title, body, status = 200, hasErrors }: PageOptions): Promise<Response> {
  const deps = c.var.deps;
  const page = (
    <Layout title={title} actor={c.var.actor ?? null} path={c.req.path} usesOutbox={deps.mailer.usesOutbox} hasErrors={hasErrors ?? status === 422}>
      {body}
    </Layout>
  );
  return c.html(`<!doctype html>${await page.toString()}`, status);
}
