import { Hono, type Context } from 'hono';
import type { AppEnv, Deps, Mount } from '../types.ts';
import type { Actor } from '../policies/actor.ts';
import { renderPage } from '../views/layout.tsx';
import { fieldErrors, formStrings } from '../views/form.tsx';
import { recordAudit } from '../audit/audit.ts';
import { MINUTE } from '../lib/clock.ts';
import { roleLabel } from '../policies/actor.ts';
import { clearLoginCookie, readDeviceCookie, setDeviceCookie, setLoginCookie } from './cookies.ts';
import { endLoginSession } from './login-sessions.ts';
import { currentActor, requireUser, safeNext } from './guards.ts';
import { findValidToken } from './tokens.ts';
import { acceptInvitation, changePassword, createFirstAdministrator, requestPasswordReset, resetPassword, setupIsOpen, signIn } from './commands.ts';
import { changePasswordForm, invitationForm, resetForm, resetRequestForm, setupForm, signInForm } from './forms.ts';
import { ChangePasswordView, InvitationView, LinkExpiredView, ResetRequestView, ResetView, SetupView, SignInView } from './views.tsx';

const notices: Record<string, string> = {
  'password-reset': 'Your password has been changed. Sign in with your new password.',
  'signed-out': 'You have signed out.',
  kept: 'You were signed out after a while without activity. What you wrote is safe: sign in and it will be saved.',
};

/**
 * A wait in rough words, rounded up so that waiting that long is always enough. Never the exact time:
 * it would tell someone guessing when to send the next guess.
 */
function roughWait(ms: number): string {
  const minutes = Math.ceil(ms / MINUTE);
  if (minutes <= 5) return 'a few minutes';
  if (minutes > 45) return 'about an hour';
  return `about ${Math.ceil(minutes / 5) * 5} minutes`;
}

/**
 * Run straight after a successful sign-in; answers where to go instead of `next`, or null. Features
 * register these in app.ts (the private space saves writing kept from an expired login session), so
 * auth never imports a feature.
 */
export type AfterSignIn = (c: Context<AppEnv>, deps: Deps, actor: Actor) => Promise<string | null>;

/** Setup, sign in and out, password reset, invitations and the person's own account, each at its own prefix. */
export function authMounts(options: { afterSignIn?: readonly AfterSignIn[] } = {}): Mount[] {
  return [
    { prefix: '/setup', routes: setupRoutes },
    { prefix: '/sign-in', routes: () => signInRoutes(options) },
    { prefix: '/sign-out', routes: signOutRoutes },
    { prefix: '/password-reset', routes: passwordResetRoutes },
    { prefix: '/invitation', routes: invitationRoutes },
    { prefix: '/account', routes: accountRoutes },
  ];
}

/** The first administrator, while there is none. */
function setupRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    if (!(await setupIsOpen(c.var.deps))) return c.notFound();
    return renderPage(c, { title: 'Set up Peer Toolbox', body: <SetupView /> });
  });

  app.post('/', async (c) => {
    const deps = c.var.deps;
    if (!(await setupIsOpen(deps))) return c.notFound();
    const values = formStrings(await c.req.parseBody());
    const parsed = setupForm.safeParse(values);
    if (!parsed.success) {
      return renderPage(c, { title: 'Set up Peer Toolbox', status: 422, body: <SetupView values={values} errors={fieldErrors(parsed.error)} /> });
    }
    const created = await createFirstAdministrator(deps, { ...parsed.data, ip: c.var.clientIp });
    if (!created) return c.notFound();
    setLoginCookie(c, created.loginSecret);
    setDeviceCookie(c, created.deviceCookie);
    return c.redirect('/', 303);
  });

  return app;
}

/** Signing in; the features' after-sign-in hooks run on success. */
function signInRoutes(options: { afterSignIn?: readonly AfterSignIn[] }) {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    if (c.var.actor) return c.redirect(safeNext(c.req.query('next')), 303);
    const notice = notices[c.req.query('notice') ?? ''];
    return renderPage(c, {
      title: 'Sign in',
      body: <SignInView next={safeNext(c.req.query('next'))} notice={notice} setupOpen={await setupIsOpen(c.var.deps)} />,
    });
  });

  app.post('/', async (c) => {
    const deps = c.var.deps;
    const values = formStrings(await c.req.parseBody());
    const next = safeNext(values.next);
    const page = (status: 422 | 429, errors: Record<string, string>) =>
      renderPage(c, {
        title: 'Sign in',
        status,
        hasErrors: true,
        body: <SignInView next={next} values={{ email: values.email ?? '' }} errors={errors} setupOpen={false} />,
      });
    const parsed = signInForm.safeParse(values);
    if (!parsed.success) return page(422, fieldErrors(parsed.error));
    const result = await signIn(deps, { ...parsed.data, ip: c.var.clientIp, device: readDeviceCookie(c) });
    if (result.ok) {
      if (c.var.loginSessionId) await endLoginSession(deps.db, c.var.loginSessionId);
      setLoginCookie(c, result.loginSecret);
      setDeviceCookie(c, result.deviceCookie);
      for (const hook of options.afterSignIn ?? []) {
        const elsewhere = await hook(c, deps, result.actor);
        if (elsewhere) return c.redirect(elsewhere, 303);
      }
      return c.redirect(next, 303);
    }
    if (result.reason === 'throttled') {
      return page(429, {
        email: `Too many attempts to sign in. To keep the account safe, signing in from this browser is paused. Try again in ${roughWait(result.until.getTime() - deps.clock.now().getTime())}, or reset your password.`,
      });
    }
    return page(422, { email: 'The email address or password is not right. Check them and try again.' });
  });

  return app;
}

/** Signing out. */
function signOutRoutes() {
  const app = new Hono<AppEnv>();

  app.post('/', async (c) => {
    const deps = c.var.deps;
    if (c.var.loginSessionId) {
      await endLoginSession(deps.db, c.var.loginSessionId);
      await recordAudit(deps.db, deps.clock, {
        action: 'sign_out',
        actorUserId: c.var.actor?.id ?? null,
        subjectUserId: c.var.actor?.id ?? null,
        ip: c.var.clientIp,
      });
    }
    clearLoginCookie(c);
    return c.redirect('/sign-in?notice=signed-out', 303);
  });

  return app;
}

/** Asking for a reset link, and using it. */
function passwordResetRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', (c) => renderPage(c, { title: 'Reset your password', body: <ResetRequestView /> }));

  app.post('/', async (c) => {
    const values = formStrings(await c.req.parseBody());
    const parsed = resetRequestForm.safeParse(values);
    if (!parsed.success) {
      return renderPage(c, { title: 'Reset your password', status: 422, body: <ResetRequestView values={values} errors={fieldErrors(parsed.error)} /> });
    }
    await requestPasswordReset(c.var.deps, { email: parsed.data.email, ip: c.var.clientIp, device: readDeviceCookie(c) });
    return renderPage(c, { title: 'Check your email', body: <ResetRequestView sent /> });
  });

  app.get('/:token', async (c) => {
    const { db, clock } = c.var.deps;
    const token = c.req.param('token');
    if (!(await findValidToken(db, clock, token, 'password_reset'))) {
      return renderPage(c, { title: 'This link no longer works', status: 404, body: <LinkExpiredView kind="reset" /> });
    }
    return renderPage(c, { title: 'Choose a new password', body: <ResetView action={`/password-reset/${token}`} /> });
  });

  app.post('/:token', async (c) => {
    const token = c.req.param('token');
    const values = formStrings(await c.req.parseBody());
    const parsed = resetForm.safeParse(values);
    if (!parsed.success) {
      return renderPage(c, {
        title: 'Choose a new password',
        status: 422,
        body: <ResetView action={`/password-reset/${token}`} errors={fieldErrors(parsed.error)} />,
      });
    }
    const done = await resetPassword(c.var.deps, { secret: token, password: parsed.data.password, ip: c.var.clientIp });
    if (!done) return renderPage(c, { title: 'This link no longer works', status: 404, body: <LinkExpiredView kind="reset" /> });
    clearLoginCookie(c);
    setDeviceCookie(c, done.deviceCookie);
    return c.redirect('/sign-in?notice=password-reset', 303);
  });

  return app;
}

/** Accepting an invitation. */
function invitationRoutes() {
  const app = new Hono<AppEnv>();

  const invitee = async (c: Context<AppEnv>, token: string) => {
    const { db, clock } = c.var.deps;
    const userId = await findValidToken(db, clock, token, 'invitation');
    if (!userId) return null;
    return db.selectFrom('users').select(['email', 'name', 'role']).where('id', '=', userId).where('status', '=', 'invited').executeTakeFirst();
  };

  app.get('/:token', async (c) => {
    const token = c.req.param('token');
    const user = await invitee(c, token);
    if (!user) return renderPage(c, { title: 'This link no longer works', status: 404, body: <LinkExpiredView kind="invitation" /> });
    return renderPage(c, {
      title: 'Create your account',
      body: <InvitationView action={`/invitation/${token}`} email={user.email} values={{ name: user.name }} />,
    });
  });

  app.post('/:token', async (c) => {
    const token = c.req.param('token');
    const user = await invitee(c, token);
    if (!user) return renderPage(c, { title: 'This link no longer works', status: 404, body: <LinkExpiredView kind="invitation" /> });
    const values = formStrings(await c.req.parseBody());
    const parsed = invitationForm.safeParse(values);
    if (!parsed.success) {
      return renderPage(c, {
        title: 'Create your account',
        status: 422,
        body: <InvitationView action={`/invitation/${token}`} email={user.email} values={values} errors={fieldErrors(parsed.error)} />,
      });
    }
    const accepted = await acceptInvitation(c.var.deps, { secret: token, name: parsed.data.name, password: parsed.data.password, ip: c.var.clientIp });
    if (!accepted) return renderPage(c, { title: 'This link no longer works', status: 404, body: <LinkExpiredView kind="invitation" /> });
    if (c.var.loginSessionId) await endLoginSession(c.var.deps.db, c.var.loginSessionId);
    setLoginCookie(c, accepted.loginSecret);
    setDeviceCookie(c, accepted.deviceCookie);
    return c.redirect('/?notice=welcome', 303);
  });

  return app;
}

/** The person's own account and password. */
function accountRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', requireUser, (c) => {
    const actor = currentActor(c);
    return renderPage(c, {
      title: 'Your account',
      body: (
        <>
          <h1>Your account</h1>
          <dl class="summary-list">
            <div>
              <dt>Name</dt>
              <dd>{actor.name}</dd>
            </div>
            <div>
              <dt>Email address</dt>
              <dd>{actor.email}</dd>
            </div>
            <div>
              <dt>Organisation role</dt>
              <dd>{roleLabel(actor.role)}</dd>
            </div>
          </dl>
          <p>
            <a href="/account/password">Change your password</a>
          </p>
        </>
      ),
    });
  });

  app.get('/password', requireUser, (c) => renderPage(c, { title: 'Change your password', body: <ChangePasswordView done={c.req.query('done') === '1'} /> }));

  app.post('/password', requireUser, async (c) => {
    const actor = currentActor(c);
    const values = formStrings(await c.req.parseBody());
    const parsed = changePasswordForm.safeParse(values);
    if (!parsed.success) return renderPage(c, { title: 'Change your password', status: 422, body: <ChangePasswordView errors={fieldErrors(parsed.error)} /> });
    const result = await changePassword(c.var.deps, {
      userId: actor.id,
      currentPassword: parsed.data.currentPassword,
      newPassword: parsed.data.password,
      ip: c.var.clientIp,
    });
    if (!result.ok) {
      return renderPage(c, {
        title: 'Change your password',
        status: 422,
        body: <ChangePasswordView errors={{ currentPassword: 'Your current password is not right' }} />,
      });
    }
    setLoginCookie(c, result.loginSecret);
    return c.redirect('/account/password?done=1', 303);
  });

  return app;
}
