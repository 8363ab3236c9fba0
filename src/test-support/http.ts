import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../web/types.js';

/**
 * A browser-like client over `app.inject`: keeps cookies, and fills in the CSRF token of the
 * last page it saw when posting a form.
 */
export class TestClient {
  private cookies = new Map<string, string>();
  private csrf: string | undefined;

  constructor(private readonly app: App) {}

  private cookieHeader(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of response.cookies) {
      if (c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0)) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const match = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (match) this.csrf = match[1];
    return response;
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const cookie = this.cookieHeader();
    return this.remember(await this.app.inject({ method: 'GET', url, headers: { ...headers, ...(cookie ? { cookie } : {}) } }));
  }

  /** Posts a form as a browser would, with the CSRF token of a page fetched first. */
  async postForm(url: string, fields: Record<string, string | string[]>, options: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    if (options.csrf !== false && !this.csrf) await this.get('/login');
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    if (options.csrf !== false && this.csrf && !('_csrf' in fields)) body.append('_csrf', this.csrf);
    const cookie = this.cookieHeader();
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        payload: body.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
      }),
    );
  }

  /** The CSRF token of the last page seen (fetching /login first when none was). */
  async csrfToken(): Promise<string> {
    if (!this.csrf) await this.get('/login');
    return this.csrf!;
  }

  /**
   * Posts a multipart form (a file upload) as a browser would: the CSRF token as the form's first
   * field (the house forms put `CsrfField` first) unless `csrf: false`.
   */
  async postMultipart(url: string, body: { payload: Buffer; contentType: string }, options: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    let payload = body.payload;
    if (options.csrf !== false) {
      const boundary = /boundary=(.+)$/.exec(body.contentType)![1]!;
      const token = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${await this.csrfToken()}\r\n`);
      payload = Buffer.concat([token, payload]);
    }
    const cookie = this.cookieHeader();
    return this.remember(await this.app.inject({ method: 'POST', url, payload, headers: { 'content-type': body.contentType, ...(cookie ? { cookie } : {}) } }));
  }

  /** Logs in through the real login form. */
  async login(email: string, password: string): Promise<LightMyRequestResponse> {
    await this.get('/login');
    return this.postForm('/login', { email, password });
  }
}
