import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { seedDemoHeritage } from './demo/seed.js';

const bled = 10126533;

describe.each(testDialects)('heritage pages on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    expect(await seedDemoHeritage(t.db)).toBe(7);
    expect(await seedDemoHeritage(t.db)).toBe(0);
  });
  afterAll(async () => t?.close());

  it('shows the portal, a region, a collection, an item and a person, demo content labelled', async () => {
    const visitor = await t.client();
    const home = await visitor.get('/heritage?lang=sl');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Demo: Razglednice Gorenjske');
    const region = await visitor.get('/heritage/regions/kranj?lang=en');
    expect(region.body).toContain('Demo: Marjeta Izmišljena');
    expect(region.body).toContain('/settlements/');
    const collection = await visitor.get('/heritage/collections/demo-razglednice-gorenjske');
    const itemHref = /href="(\/heritage\/items\/\d+)"/.exec(collection.body)![1]!;
    const item = await visitor.get(`${itemHref}?lang=sl`);
    expect(item.statusCode).toBe(200);
    expect(item.body).toContain('demo-badge');
    expect(item.body).toMatch(/lang="sl"/);
  });

  it('walks submit → return → fix → publish through the forms, then search and the settlement page find the item', async () => {
    const librarian = await t.client('librarian');
    const coordinator = await t.client('coordinator');
    const form = {
      collection: 'demo-razglednice-gorenjske',
      type: 'Image',
      licence: 'CC-BY-4.0',
      date: 'ok. 1910',
      places: 'Bled',
      'dc.title.0.value': 'Zimski pogled na grajsko pečino',
      'dc.title.0.lang': 'sl',
      'dc.subject.0.value': 'gradovi',
      'dc.subject.0.lang': 'sl',
    };
    const bad = await librarian.postForm('/staff/heritage/items/new', { ...form, date: 'nekoč', places: 'Jesenice' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('nekoč');
    expect(bad.body).toContain('Jesenice (Jesenice)');
    const created = await librarian.postForm('/staff/heritage/items/new', form);
    expect(created.statusCode).toBe(303);
    const url = String(created.headers.location);
    expect((await librarian.postForm(`${url}/flow`, { action: 'submit' })).statusCode).toBe(303);
    expect((await librarian.postForm(`${url}/flow`, { action: 'publish' })).statusCode).toBe(409);
    expect((await coordinator.postForm(`${url}/flow`, { action: 'return', comment: '' })).statusCode).toBe(400);
    expect((await coordinator.postForm(`${url}/flow`, { action: 'return', comment: 'Dodajte avtorja.' })).statusCode).toBe(303);
    const returned = await librarian.get(url);
    expect(returned.body).toContain('Dodajte avtorja.');
    expect((await librarian.postForm(url, { ...form, 'dc.creator.0.value': 'Neznani avtor' })).statusCode).toBe(303);
    expect((await librarian.postForm(`${url}/flow`, { action: 'submit' })).statusCode).toBe(303);
    expect((await coordinator.postForm(`${url}/flow`, { action: 'publish' })).statusCode).toBe(303);
    const id = url.split('/').pop();
    const visitor = await t.client();
    const found = await visitor.get(`/heritage/search?q=${encodeURIComponent('pečine')}&lang=sl`);
    expect(found.body).toContain(`/heritage/items/${id}`);
    const narrowed = await visitor.get(`/heritage/search?q=${encodeURIComponent('pečine')}&century=19&lang=sl`);
    expect(narrowed.body).not.toContain(`/heritage/items/${id}"`);
    const settlement = await visitor.get(`/settlements/${bled}?lang=sl`);
    expect(settlement.body).toContain('Zimski pogled na grajsko pečino');
    // Marjeta died at Bled but was born in Kranj: the section lists people born there only.
    expect(settlement.body).not.toContain('Demo: Marjeta Izmišljena');
    expect((await visitor.get('/settlements/10102774')).body).toContain('Demo: Marjeta Izmišljena');
  });
});
