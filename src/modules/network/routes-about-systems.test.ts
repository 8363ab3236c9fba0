import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { catalogJobDeps, seedDemoCatalog } from '../catalog/index.js';
import { sruExample } from './pages/about-systems.js';

describe.each(testDialects)('the "For other systems" page on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    // A fresh start's catalog: the demonstration records.
    await seedDemoCatalog(catalogJobDeps({ db: t.db, dialect, dataDir: t.config.dataDir }));
  });
  afterAll(async () => t?.close());

  it('is linked from the main navigation in place of "API", in both languages', async () => {
    const sl = await (await t.client()).get('/?lang=sl');
    expect(sl.body).toContain('<a href="/about/systems">Za druge sisteme</a>');
    expect(sl.body).not.toContain('<a href="/api/docs">API</a>');
    const en = await (await t.client()).get('/libraries?lang=en');
    expect(en.body).toContain('<a href="/about/systems">For other systems</a>');
  });

  it('links SRU, the API description and the open data, and each link answers', async () => {
    for (const lang of ['sl', 'en']) {
      const page = await (await t.client()).get(`/about/systems?lang=${lang}`);
      expect(page.statusCode).toBe(200);
      const hrefs = [...page.body.matchAll(/<main[\s\S]*<\/main>/g)][0]![0].matchAll(/href="([^"#]+)"/g);
      const links = [...hrefs].map((m) => m[1]!.replace(/&amp;/g, '&'));
      for (const expected of ['/sru?operation=explain&version=1.2', sruExample, '/api/docs', '/api/stats/open-data.csv', '/api/stats/open-data.json', '/about/data']) {
        expect(links).toContain(expected);
      }
      for (const link of links) expect((await t.app.inject({ method: 'GET', url: link })).statusCode, link).toBe(200);
    }
  });

  it('offers an SRU example query that finds records in the catalog of a fresh start', async () => {
    const answer = await t.app.inject({ method: 'GET', url: sruExample });
    expect(answer.headers['content-type']).toContain('text/xml');
    const found = Number(/<(?:\w+:)?numberOfRecords>(\d+)</.exec(answer.body)?.[1]);
    expect(found).toBeGreaterThan(0);
    expect(answer.body).not.toContain('diagnostic');
    expect((answer.body.match(/<(?:\w+:)?recordData>/g) ?? []).length).toBe(Math.min(5, found));
  });
});
