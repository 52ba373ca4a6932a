import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../types.ts';
import { LOGIN_COOKIE } from './login-sessions.ts';

/** HttpOnly, SameSite=Lax, Secure when served over HTTPS; a session cookie, the server enforces the lifetime. */
export function setLoginCookie(c: Context<AppEnv>, secret: string): void {
  setCookie(c, LOGIN_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.var.deps.config.cookieSecure,
    path: '/',
  });
}

export function clearLoginCookie(c: Context<AppEnv>): void {
  deleteCookie(c, LOGIN_COOKIE, { path: '/', secure: c.var.deps.config.cookieSecure });
}
