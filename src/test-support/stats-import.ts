import crypto from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../web/access.js';
import { testUsers, type TestApp } from './app.js';

/** The text of a page without its tags, spaces folded: what a reader sees. */
export const pageText = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * A browser-like session of one role that uploads statistics tables as multipart/form-data
 * (the import page's form) and confirms an import's preview by posting its form as shown.
 */
export async function statsUploader(t: TestApp, role: Role) {
  const cookies = new Map<string, string>();
  let csrf = '';
  const remember = (r: LightMyRequestResponse) => {
    for (const c of r.cookies) cookies.set(c.name, c.value);
    const m = /name="_csrf" value="([^"]+)"/.exec(r.body);
    if (m) csrf = m[1]!;
    return r;
  };
  const cookie = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const multipart = async (url: string, fields: Record<string, string>, file?: Buffer | string) => {
    const boundary = `----mreza${crypto.randomBytes(8).toString('hex')}`;
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries({ _csrf: csrf, ...fields })) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    }
    if (file !== undefined) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="statistika.csv"\r\nContent-Type: text/csv\r\n\r\n`));
      parts.push(Buffer.isBuffer(file) ? file : Buffer.from(file, 'utf8'));
      parts.push(Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return remember(await t.app.inject({ method: 'POST', url, payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: cookie() } }));
  };
  remember(await t.app.inject({ method: 'GET', url: '/login' }));
  remember(
    await t.app.inject({
      method: 'POST',
      url: '/login',
      payload: new URLSearchParams({ email: testUsers[role].email, password: testUsers[role].password, _csrf: csrf }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    }),
  );
  const session = {
    get: async (url: string) => remember(await t.app.inject({ method: 'GET', url, headers: { cookie: cookie() } })),
    /** Uploads a file on the import page: the answer is the preview (nothing is stored yet). */
    async upload(content: Buffer | string, fields: Record<string, string> = {}, url = '/staff/stats/import') {
      if (!csrf) await session.get('/staff/stats/import');
      return multipart(url, fields, content);
    },
    /** Posts the confirmation form of a preview page, as a browser would; throws when the page has none. */
    async confirm(preview: LightMyRequestResponse) {
      const form = /<form[^>]*action="([^"]*\/staff\/stats\/import\/confirm[^"]*)"[^>]*>([\s\S]*?)<\/form>/.exec(preview.body);
      if (!form) throw new Error(`no confirmation form on the page: ${pageText(preview.body).slice(0, 2000)}`);
      const fields: Record<string, string> = {};
      for (const m of form[2]!.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
        const name = /name="([^"]*)"/.exec(m[0])?.[1];
        const value = /value="([^"]*)"/.exec(m[0])?.[1];
        if (name && name !== '_csrf') fields[name] = unescape(value ?? '');
      }
      return multipart(unescape(form[1]!), fields);
    },
    /** Uploads and confirms at once: the answer is the import's result. */
    async importNow(content: Buffer | string, fields: Record<string, string> = {}, url = '/staff/stats/import') {
      return session.confirm(await session.upload(content, fields, url));
    },
  };
  return session;
}
