import type { Hono } from 'hono';

type AppLike = Pick<Hono, 'request'>;

/**
 * A browser stand-in for `app.request`: keeps cookies (per host and path), sends
 * the Origin a browser would on form posts, and can follow redirects.
 */
export class TestClient {
  private cookies = new Map<string, { value: string; path: string; host: string }>();

  constructor(
    private readonly app: AppLike,
    /** Origin of the site this client is on, e.g. `http://alpha.localhost`. */
    readonly origin: string,
  ) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.send(path, { method: 'GET', headers });
  }

  /** A form post as a browser makes it: urlencoded, with this site's Origin. */
  async post(path: string, form: Record<string, string | string[]> = {}, headers: Record<string, string> = {}): Promise<Response> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    return this.send(path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.origin, ...headers },
    });
  }

  /** A form with a file field, as a browser sends it: multipart, with this site's Origin (fetch sets the boundary). */
  async postMultipart(path: string, form: FormData, headers: Record<string, string> = {}): Promise<Response> {
    return this.send(path, { method: 'POST', body: form, headers: { origin: this.origin, ...headers } });
  }

  async postJson(path: string, json: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.send(path, {
      method: 'POST',
      body: JSON.stringify(json),
      headers: { 'content-type': 'application/json', origin: this.origin, ...headers },
    });
  }

  /** A form with one file, sent multipart as a browser sends an upload, with this site's Origin. */
  async postFile(path: string, field: string, file: { name: string; type: string; content: string }): Promise<Response> {
    const body = new FormData();
    body.append(field, new File([file.content], file.name, { type: file.type }));
    return this.send(path, { method: 'POST', body, headers: { origin: this.origin } });
  }

  /** Follows 30x responses with GET, as a browser does after a form post. */
  async follow(response: Response | Promise<Response>, max = 5): Promise<Response> {
    let res = await response;
    for (let i = 0; i < max && res.status >= 300 && res.status < 400; i++) {
      const location = res.headers.get('location');
      if (!location) break;
      res = await this.get(location);
    }
    return res;
  }

  cookie(name: string): string | undefined {
    return [...this.cookies.entries()].find(([k]) => k.endsWith(`|${name}`))?.[1].value;
  }

  /** Sets a cookie for this client's host as if the site had sent it. */
  setCookie(name: string, value: string, path = '/'): void {
    const host = new URL(this.origin).host;
    this.cookies.set(`${host}|${path}|${name}`, { value, path, host });
  }

  private async send(path: string, init: RequestInit & { headers: Record<string, string> }): Promise<Response> {
    const url = new URL(path, this.origin);
    const names = [...this.cookies.entries()]
      .filter(([, c]) => c.host === url.host && url.pathname.startsWith(c.path))
      .map(([k, c]) => `${k.split('|')[2]}=${c.value}`);
    const headers = { ...init.headers, ...(names.length ? { cookie: names.join('; ') } : {}) };
    const res = await this.app.request(url.toString(), { ...init, headers });
    for (const line of res.headers.getSetCookie()) this.store(line, url);
    return res;
  }

  private store(line: string, url: URL) {
    const [pair = '', ...attrs] = line.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const path = attrs.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) || '/';
    const maxAge = attrs.find((a) => a.toLowerCase().startsWith('max-age='));
    const expires = attrs.find((a) => a.toLowerCase().startsWith('expires='));
    const key = `${url.host}|${path}|${name}`;
    const expired = (maxAge && Number(maxAge.slice(8)) <= 0) || (expires && new Date(expires.slice(8)).getTime() < Date.now());
    if (expired || value === '') this.cookies.delete(key);
    else this.cookies.set(key, { value, path, host: url.host });
  }
}
