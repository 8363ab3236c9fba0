import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { render } from 'preact-render-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { InLanguage } from '../../web/page.js';
import { readNetworkInfo } from './load.js';

describe('the data sources in the reader’s language', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  const main = (body: string) => body.slice(body.indexOf('<main'), body.indexOf('</main>'));
  const footer = (body: string) => body.slice(body.indexOf('<footer'));

  it('gives /about/data’s credits and licence notes, and every footer’s credit line, in the page’s language', async () => {
    const client = await t.client();
    const en = (await client.get('/about/data?lang=en')).body;
    expect(main(en)).toContain('Source: GURS, Register of Spatial Units (CC BY 4.0)');
    expect(main(en)).toContain('facts compiled from public pages (sources per row)');
    expect(en).not.toMatch(/Vir: |prek Wikipedije|dejstva, zbrana/);
    expect(footer((await client.get('/libraries?lang=en')).body)).toContain('Source: GURS, Register of Spatial Units (CC BY 4.0) · Population of municipalities');
    const sl = (await client.get('/about/data?lang=sl')).body;
    expect(main(sl)).toContain('dejstva, zbrana z javnih strani (vir je naveden pri vsaki vrstici)');
    expect(sl).not.toMatch(/facts compiled|free reuse|Source: GURS/);
    expect(footer(sl)).toContain('Vir: GURS, Register prostorskih enot (CC BY 4.0)');
  });

  it('marks a text given in one language only with that language (a network.json of another country)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mreza-network-'));
    try {
      fs.writeFileSync(path.join(dir, 'network.json'), JSON.stringify({ country: 'SI', name: {}, defaultLocale: 'sl', attribution: [{ name: 'Vir: SURS', licence: 'prosta uporaba', url: 'https://www.stat.si/' }] }));
      const [source] = readNetworkInfo(dir).attribution;
      expect(source!.name).toEqual({ sl: 'Vir: SURS' });
      expect(render(InLanguage({ texts: source!.name, locale: 'en' }))).toBe('<span lang="sl">Vir: SURS</span>');
      expect(render(InLanguage({ texts: source!.name, locale: 'sl' }))).toBe('Vir: SURS');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
