import type { Hono } from 'hono';
import type { AppEnv } from '../../src/types.ts';

export interface Page {
  status: number;
  headers: Headers;
  text: string;
  location: string | null;
}

/** A browser-like client over app.request(): keeps cookies and sends the Origin header a browser would. */
export class TestClient {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly app: Hono<AppEnv>,
    private readonly origin: string,
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keepCookies(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(path: string, init: RequestInit = {}): Promise<Page> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', this.cookieHeader());
    const res = await this.app.request(path, { ...init, headers });
    this.keepCookies(res);
    return { status: res.status, headers: res.headers, text: await res.text(), location: res.headers.get('location') };
  }

  /** The raw response, for binary bodies such as downloads. */
  async raw(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', this.cookieHeader());
    const res = await this.app.request(path, { ...init, headers });
    this.keepCookies(res);
    return res;
  }

  get(path: string): Promise<Page> {
    return this.request(path);
  }

  /** Posts a form as a browser on our own site would. */
  post(path: string, form: Record<string, string | string[]> = {}, headers: Record<string, string> = { origin: this.origin }): Promise<Page> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const item of ([] as string[]).concat(v)) body.append(k, item);
    return this.request(path, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  }
}
