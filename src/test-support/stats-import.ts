import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import yazl from 'yazl';
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
    /**
     * Posts the confirmation form of a preview page, as a browser would (or, with `edit`, as someone who
     * changed its hidden fields would); throws when the page has none.
     */
    async confirm(preview: LightMyRequestResponse, edit?: (fields: Record<string, string>) => void) {
      const form = /<form[^>]*action="([^"]*\/staff\/stats\/import\/confirm[^"]*)"[^>]*>([\s\S]*?)<\/form>/.exec(preview.body);
      if (!form) throw new Error(`no confirmation form on the page: ${pageText(preview.body).slice(0, 2000)}`);
      const fields: Record<string, string> = {};
      for (const m of form[2]!.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
        const name = /name="([^"]*)"/.exec(m[0])?.[1];
        const value = /value="([^"]*)"/.exec(m[0])?.[1];
        if (name && name !== '_csrf') fields[name] = unescape(value ?? '');
      }
      edit?.(fields);
      return multipart(unescape(form[1]!), fields);
    },
    /** Uploads and confirms at once: the answer is the import's result. */
    async importNow(content: Buffer | string, fields: Record<string, string> = {}, url = '/staff/stats/import') {
      return session.confirm(await session.upload(content, fields, url));
    },
  };
  return session;
}

const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const pkg = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"';

/** A worksheet part around the given `<row>` elements (a string, or a stream of strings for a large sheet). */
export function worksheetXml(rows: string | Iterable<string>): Readable {
  const head = `<?xml version="1.0" encoding="UTF-8"?><worksheet ${ns}><sheetData>`;
  const tail = '</sheetData></worksheet>';
  return Readable.from(
    (function* () {
      yield head;
      if (typeof rows === 'string') yield rows;
      else yield* rows;
      yield tail;
    })(),
  );
}

/**
 * A real XLSX file (a zip made by yazl) with one worksheet and, when given, a shared strings
 * part: the parts a spreadsheet program writes, nothing more.
 */
export async function buildXlsx(parts: { sheet: Readable; sharedStrings?: string; compressionLevel?: number }): Promise<Buffer> {
  const level = parts.compressionLevel ?? 6;
  const zip = new yazl.ZipFile();
  const add = (name: string, text: string) => zip.addBuffer(Buffer.from(text), name, { compressionLevel: level });
  const strings = parts.sharedStrings !== undefined;
  add(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>${strings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}</Types>`,
  );
  add('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships ${pkg}><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  add('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook ${ns} xmlns:r="${rel}"><sheets><sheet name="statistika" sheetId="1" r:id="rId1"/></sheets></workbook>`);
  add(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships ${pkg}><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/>${strings ? `<Relationship Id="rId2" Type="${rel}/sharedStrings" Target="/xl/sharedStrings.xml"/>` : ''}</Relationships>`,
  );
  if (strings) add('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst ${ns}>${parts.sharedStrings}</sst>`);
  zip.addReadStream(parts.sheet, 'xl/worksheets/sheet1.xml', { compressionLevel: level });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
