import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../types.ts';
import { DAY } from '../lib/clock.ts';
import { LOGIN_COOKIE } from './login-sessions.ts';

export const DEVICE_COOKIE = 'pt_device';

// Over HTTPS both cookies take the `__Host-` prefix: the browser then only accepts them Secure, for
// the whole site and from this host, so a neighbouring subdomain cannot plant or shadow one. Over
// plain HTTP (development) the browser refuses the prefix, so they keep their plain names.
const prefix = (c: Context<AppEnv>) => (c.var.deps.config.cookieSecure ? ('host' as const) : undefined);

/** HttpOnly, SameSite=Lax, Secure when served over HTTPS; a session cookie, the server enforces the lifetime. */
export function setLoginCookie(c: Context<AppEnv>, secret: string): void {
  setCookie(c, LOGIN_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.var.deps.config.cookieSecure,
    path: '/',
    prefix: prefix(c),
  });
}

export function clearLoginCookie(c: Context<AppEnv>): void {
  deleteCookie(c, LOGIN_COOKIE, { path: '/', secure: c.var.deps.config.cookieSecure, prefix: prefix(c) });
}

/** Remembers that this browser signed in to an account, for a year; only sent back to our own pages. */
export function setDeviceCookie(c: Context<AppEnv>, value: string): void {
  setCookie(c, DEVICE_COOKIE, value, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: c.var.deps.config.cookieSecure,
    path: '/',
    maxAge: (365 * DAY) / 1000,
    prefix: prefix(c),
  });
}

export function readDeviceCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, DEVICE_COOKIE, prefix(c));
}
