import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './test-support/app.js';
import type { TestClient } from './test-support/http.js';
import { routeAccessTable } from './web/access.js';

/**
 * Every control a form submits has a `name` (HTML_CodeSniffer stops on an unnamed one, and the
 * value would be lost anyway): each input, select and textarea inside a <form>, or tied to one
 * with form="…". Buttons need none.
 */
export function unnamedFormControls(html: string): string[] {
  const bad: string[] = [];
  const controls = /<(input|select|textarea)\b([^>]*)>/gi;
  const inForm = (index: number) => {
    const open = html.lastIndexOf('<form', index);
    return open !== -1 && html.lastIndexOf('</form>', index) < open;
  };
  for (const match of html.matchAll(controls)) {
    const [tag, element, attributes = ''] = match;
    const type = /\btype="([^"]*)"/i.exec(attributes)?.[1]?.toLowerCase();
    if (element!.toLowerCase() === 'input' && ['submit', 'button', 'reset', 'image'].includes(type ?? '')) continue;
    if (!inForm(match.index) && !/\bform="/i.test(attributes)) continue;
    if (!/\bname="[^"]+"/i.test(attributes)) bad.push(tag);
  }
  return bad;
}

// The HTML autofill table: which input types each autocomplete token may sit on (textarea and
// select take the text and multiline ones). HTML_CodeSniffer stops with an error on a mismatch,
// e.g. autocomplete="username" on type="email" (username belongs to the Text group).
const textTypes = ['text', 'search', 'hidden'];
const autofillTypes: Record<string, string[]> = {
  username: textTypes,
  name: textTypes,
  organization: textTypes,
  'street-address': ['hidden'],
  'address-line1': textTypes,
  'postal-code': textTypes,
  'current-password': [...textTypes, 'password'],
  'new-password': [...textTypes, 'password'],
  email: [...textTypes, 'email'],
  tel: [...textTypes, 'tel'],
  url: [...textTypes, 'url'],
};

/** Inputs whose autocomplete token does not fit their type. */
export function misfitAutocomplete(html: string): string[] {
  const bad: string[] = [];
  for (const match of html.matchAll(/<input\b([^>]*)>/gi)) {
    const attributes = match[1] ?? '';
    const token = /\bautocomplete="([^"]*)"/i.exec(attributes)?.[1]?.trim().toLowerCase().split(/\s+/).pop();
    if (!token || token === 'on' || token === 'off') continue;
    const type = /\btype="([^"]*)"/i.exec(attributes)?.[1]?.toLowerCase() ?? 'text';
    const allowed = autofillTypes[token];
    if (!allowed || !allowed.includes(type)) bad.push(match[0]);
  }
  return bad;
}

// Sample values for route parameters: the Slovenian network's Kranj and its first records.
const samples: Record<string, string> = { id: 'kranj' };

describe('form controls all have a name and a fitting autocomplete', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp('sqlite');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('finds an autocomplete token on the wrong type', () => {
    expect(misfitAutocomplete('<input type="email" autocomplete="username"/><input type="text" inputmode="email" autocomplete="username"/>')).toEqual(['<input type="email" autocomplete="username"/>']);
    expect(misfitAutocomplete('<input type="password" autocomplete="current-password"/><input autocomplete="street-address"/>')).toEqual(['<input autocomplete="street-address"/>']);
  });

  it('finds an unnamed control', () => {
    expect(unnamedFormControls('<form><input type="checkbox" id="x"/><button type="submit">Go</button></form>')).toEqual(['<input type="checkbox" id="x"/>']);
    expect(unnamedFormControls('<input id="outside"/><form><select name="s"></select></form><input form="f" type="text"/>')).toEqual(['<input form="f" type="text"/>']);
  });

  it('on every page, for visitors and for each role', async () => {
    const pages = routeAccessTable(t.app)
      .filter((r) => r.method === 'GET' && !/^\/(api|assets|metrics|health)\b/.test(r.url) && !/\.(csv|xlsx|pdf|svg|json|js)$|\/(marc|marc21|marcxml)$|\*/.test(r.url))
      .flatMap((r) => [r.url.replace(/:(\w+)/g, (_m, name: string) => samples[name] ?? '1'), r.url.replace(/:(\w+)/g, '1')]);
    const extra = ['/login?next=%2Fstaff', '/catalog?q=kranj', '/libraries?q=kranj&ook=1', '/staff/libraries/kranj/service-points/new', '/staff/service-points/kranj-central/edit', '/staff/municipalities/SI-052/edit', '/municipalities/SI-052', '/reports/municipalities/SI-052', '/standards/pravilnik-2023', '/staff/stats/libraries/kranj/2024', '/catalog?q=a&available=true'];
    const clients: [string, TestClient][] = [['visitor', await t.client()], ['admin', await t.client('admin')], ['librarian', await t.client('librarian')]];
    const problems: string[] = [];
    let checked = 0;
    for (const [who, client] of clients) {
      for (const url of [...new Set([...pages, ...extra])]) {
        const response = await client.get(url);
        if (response.statusCode !== 200 || !String(response.headers['content-type']).startsWith('text/html')) continue;
        checked++;
        if (process.env.SHOW_PAGES) console.log(who, url);
        for (const control of unnamedFormControls(response.body)) problems.push(`${who} ${url}: no name: ${control}`);
        for (const control of misfitAutocomplete(response.body)) problems.push(`${who} ${url}: autocomplete does not fit the type: ${control}`);
      }
    }
    expect(checked).toBeGreaterThan(40);
    expect(problems).toEqual([]);
  });
});
