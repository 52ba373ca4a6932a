import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { csrf } from 'hono/csrf';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { serveStatic } from '@hono/node-server/serve-static';
import { getConnInfo } from '@hono/node-server/conninfo';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import type { ServerResponse } from 'node:http';
import type { AppEnv, Deps, Mount } from './types.ts';
import { LOGIN_COOKIE, resolveLoginSession } from './auth/login-sessions.ts';
import { clearLoginCookie } from './auth/cookies.ts';
import { authMounts } from './auth/routes.tsx';
import * as home from './features/home/index.ts';
import * as help from './features/help/index.ts';
import * as adminUsers from './features/admin-users/index.ts';
import * as outbox from './features/outbox/index.ts';
import * as audit from './features/audit/index.ts';
import * as curriculum from './features/curriculum/index.ts';
import * as cohorts from './features/cohorts/index.ts';
import * as privateSpace from './features/private/index.ts';
import * as safeguarding from './features/safeguarding/index.ts';
import * as certificates from './features/certificates/index.ts';
import { errorPage } from './views/errors.tsx';
import { cleanFormText } from './views/form.tsx';

const publicDir = relative(process.cwd(), fileURLToPath(new URL('../public', import.meta.url))) || '.';

/**
 * The address of the person at the other end. Behind `trustedProxies` proxies, each appends the address
 * it saw to X-Forwarded-For, so the client is that many entries from the right: anything further left
 * was sent by the client itself and may be invented. Without a proxy the header is ignored.
 */
function clientIp(c: Context<AppEnv>, trustedProxies: number): string {
  if (trustedProxies > 0) {
    const hops = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    const client = hops[Math.max(0, hops.length - trustedProxies)];
    if (client) return client;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // requests made in-process by tests have no socket
  }
}

// Every parsed body goes through the one cleaning rule, whether or not its route uses formStrings().
const cleanBodyValue = (value: unknown): unknown =>
  typeof value === 'string' ? cleanFormText(value) : Array.isArray(value) ? value.map(cleanBodyValue) : value;

/**
 * Sent with every response. Pages can show personal data, so the caller adds `Cache-Control: no-store`
 * (never kept in shared caches, or in the back-forward cache of a shared computer) to all but /static/.
 */
function securityHeaders(https: boolean): [string, string][] {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
  return [
    ['content-security-policy', csp],
    ['cross-origin-opener-policy', 'same-origin'],
    ['cross-origin-resource-policy', 'same-origin'],
    ['origin-agent-cluster', '?1'],
    ['referrer-policy', 'same-origin'],
    ['x-content-type-options', 'nosniff'],
    ['x-dns-prefetch-control', 'off'],
    ['x-download-options', 'noopen'],
    ['x-frame-options', 'DENY'],
    ['x-permitted-cross-domain-policies', 'none'],
    ['x-xss-protection', '0'],
    ...(https ? ([['strict-transport-security', 'max-age=31536000; includeSubDomains']] as [string, string][]) : []),
  ];
}

/**
 * Every sub-app and its prefix, in mounting order: the route table in docs/ARCHITECTURE.md lists them
 * (a test holds the two together). Sign-in runs the features' after-sign-in hooks, so auth imports none.
 */
export const allMounts: readonly Mount[] = [
  ...authMounts({ afterSignIn: [privateSpace.resumePendingSave] }),
  ...home.mounts,
  ...help.mounts,
  ...adminUsers.mounts,
  ...outbox.mounts,
  ...audit.mounts,
  ...curriculum.mounts,
  ...cohorts.mounts,
  ...privateSpace.mounts,
  ...safeguarding.mounts,
  ...certificates.mounts,
];

/** Builds the whole application: global middleware, then one sub-app per feature. */
export function createApp(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const allowedOrigin = new URL(deps.config.baseUrl).origin;

  app.use('*', async (c, next) => {
    const started = performance.now();
    c.set('deps', deps);
    c.set('actor', null);
    c.set('loginSessionId', null);
    c.set('expiredUserId', null);
    c.set('clientIp', clientIp(c, deps.config.trustedProxies));
    await next();
    // The route pattern, never the path itself: paths of invitation and reset links hold tokens.
    deps.logger.info({ method: c.req.method, route: c.req.routePath, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  });

  // Security headers and the no-store default, the same on every response. Over HTTP they go straight
  // onto Node's response before the handler runs (a route that sets its own Cache-Control still wins:
  // Node lets the headers the response is written with override these). Building them into every
  // response's Headers object instead cost about a tenth of a page's CPU in the benchmark. In-process
  // requests (most tests) have no Node response, so there they are set on the response as before.
  const fixedHeaders = securityHeaders(deps.config.cookieSecure);
  app.use('*', async (c, next) => {
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    const noStore = !c.req.path.startsWith('/static/');
    if (outgoing) {
      for (const [name, value] of fixedHeaders) outgoing.setHeader(name, value);
      if (noStore) outgoing.setHeader('cache-control', 'no-store');
      return next();
    }
    await next();
    for (const [name, value] of fixedHeaders) c.res.headers.set(name, value);
    if (noStore && !c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
  });

  app.use('/static/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.res.headers.set('Cache-Control', 'public, max-age=3600');
  });
  app.use('/static/*', serveStatic({ root: publicDir, rewriteRequestPath: (p) => p.replace(/^\/static/, '') }));

  // Every state-changing request must come from our own pages: the Origin (or Sec-Fetch-Site) is checked
  // whatever the body's type, so a JSON or text body is no way round it.
  const originCheck = csrf({ origin: allowedOrigin });
  app.use('*', async (c, next) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) return next();
    const type = c.req.header('content-type') ?? '';
    if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
      const origin = c.req.header('origin');
      if (origin !== allowedOrigin && c.req.header('sec-fetch-site') !== 'same-origin') throw new HTTPException(403, { message: 'forbidden' });
    }
    return originCheck(c, next);
  });

  // Forms are small; uploads (exercise files, content packs) get the larger upload limit.
  const tooLarge = () => {
    throw new HTTPException(413, { message: 'too large' });
  };
  const formLimit = bodyLimit({ maxSize: deps.config.bodyLimitBytes, onError: tooLarge });
  const uploadLimit = bodyLimit({ maxSize: deps.config.uploadLimitBytes + 64 * 1024, onError: tooLarge });
  app.use('*', (c, next) => {
    // A GET has no body to limit, and asking for one makes the server build a full Request (with an
    // AbortController) for every page instead of its lightweight one.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return /^multipart\/form-data\b/i.test(c.req.header('content-type') ?? '') ? uploadLimit(c, next) : formLimit(c, next);
  });

  // Every route reads its form through c.req.parseBody(), so this is the one place a body is parsed: a
  // body that cannot be read (a multipart body with no parts, cut short) is a 400 page, never a 500,
  // and every string in it is cleaned before any route sees it, whether or not it calls formStrings.
  // A path with a control character in it (`/my/journal/%00`) names nothing here, and PostgreSQL
  // refuses NUL in a query outright: it is a 404 before any route looks it up.
  app.use('*', async (c, next) => {
    if (/\p{Cc}|%[01][0-9a-f]|%7f/iu.test(c.req.path)) throw new HTTPException(404, { message: 'not found' });
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const parse = c.req.parseBody.bind(c.req);
    const parseBody = async (options?: Parameters<typeof parse>[0]) => {
      let body: Record<string, unknown>;
      try {
        body = await parse(options);
      } catch (err) {
        if (err instanceof HTTPException) throw err; // the size limit's 413
        throw new HTTPException(400, { message: 'unreadable body', cause: err });
      }
      const cleaned: Record<string, unknown> = Object.create(null);
      for (const [key, value] of Object.entries(body)) cleaned[cleanFormText(key)] = cleanBodyValue(value);
      return cleaned;
    };
    c.req.parseBody = parseBody as typeof c.req.parseBody;
    return next();
  });

  app.use('*', async (c, next) => {
    // Over HTTPS the login cookie is `__Host-pt_login`: no subdomain can set or shadow it.
    const secret = getCookie(c, LOGIN_COOKIE, deps.config.cookieSecure ? 'host' : undefined);
    if (secret) {
      const found = await resolveLoginSession(deps, secret);
      if (found && 'actor' in found) {
        c.set('actor', found.actor);
        c.set('loginSessionId', found.sessionId);
      } else {
        if (found) c.set('expiredUserId', found.expiredUserId);
        clearLoginCookie(c);
      }
    }
    await next();
  });

  for (const { prefix, routes } of allMounts) app.route(prefix, routes());

  app.notFound((c) => errorPage(c, 404));
  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      const status = err.status;
      if (status === 400 || status === 401 || status === 403 || status === 404 || status === 413) return errorPage(c, status);
    }
    // The message and stack go to the log; the person sees a page that reveals nothing internal.
    deps.logger.error({ err: { name: err.name, message: err.message, stack: err.stack }, route: c.req.routePath }, 'unhandled error');
    return errorPage(c, 500);
  });

  return app;
}
