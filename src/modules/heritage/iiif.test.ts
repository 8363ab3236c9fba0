import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, testUsers, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { jpegBytes, multipartBody, pngBytes } from '../../test-support/files.js';
import type { CurrentUser } from '../../web/access.js';
import * as q from './queries.js';
import { createCollection, createItem, transition } from './service.js';

describe.each(testDialects)('IIIF manifest on %s', (dialect) => {
  let t: TestApp;
  let itemId: number;
  let fileId: number;
  let draftId: number;

  beforeAll(async () => {
    t = await buildTestApp(dialect, { publicUrl: 'https://mreza.test' });
    const userOf = async (role: 'librarian' | 'coordinator'): Promise<CurrentUser> => {
      const u = await t.db.selectFrom('users').selectAll().where('email', '=', testUsers[role].email).executeTakeFirstOrThrow();
      return { id: u.id, email: u.email, name: u.name, role, regionId: u.region_id, libraryId: u.library_id, partnerName: null };
    };
    const librarian = await userOf('librarian');
    const editor = await userOf('coordinator');
    await createCollection(t.db, null, { id: 'test-iiif', regionId: 'kranj', titleSl: 'Fotografije', titleEn: 'Photographs', description: '' });
    const input = {
      collectionId: 'test-iiif',
      type: 'StillImage',
      licence: 'CC-BY-4.0',
      dateText: '1935',
      values: [
        { element: 'title' as const, value: 'Tržnica v Kranju', lang: 'sl' },
        { element: 'title' as const, value: 'Market in Kranj', lang: 'en' },
        { element: 'description' as const, value: 'Izmišljen opis.', lang: 'sl' },
        { element: 'creator' as const, value: 'Neznani fotograf', lang: null },
      ],
      settlementIds: [],
    };
    itemId = await createItem(t.db, librarian, input);
    draftId = await createItem(t.db, librarian, input);
    const file = await t.app.files.save({ stream: Readable.from(await jpegBytes(40, 30)), originalName: 'trznica.jpg', use: 'image', createdBy: librarian.id, altText: 'Stojnice na trgu' });
    fileId = file.id;
    await t.app.files.link(file.id, { kind: 'heritage.item', id: String(itemId), role: 'image' });
    await t.db.transaction().execute((tx) => q.addItemFile(tx, itemId, file.id));
    await transition(t.db, librarian, 'item', itemId, 'submit');
    await transition(t.db, editor, 'item', itemId, 'publish');
  });
  afterAll(async () => t?.close());

  it('describes a published item: language maps, a Canvas per image with its size, painting annotation, rights, homepage', async () => {
    const visitor = await t.client();
    const r = await visitor.get(`/heritage/items/${itemId}/manifest.json?lang=en`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('application/ld+json');
    const m = JSON.parse(r.body);
    expect(m['@context']).toBe('http://iiif.io/api/presentation/3/context.json');
    expect(m.type).toBe('Manifest');
    expect(m.id).toBe(`https://mreza.test/heritage/items/${itemId}/manifest.json`);
    expect(m.label).toEqual({ sl: ['Tržnica v Kranju'], en: ['Market in Kranj'] });
    expect(m.summary).toEqual({ sl: ['Izmišljen opis.'] });
    expect(m.rights).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(m.requiredStatement).toEqual({ label: { en: ['Attribution'] }, value: { sl: ['Fotografije'], en: ['Photographs'] } });
    expect(m.homepage[0]).toMatchObject({ id: `https://mreza.test/heritage/items/${itemId}`, type: 'Text', format: 'text/html' });
    expect(m.thumbnail[0]).toMatchObject({ type: 'Image', id: `https://mreza.test/files/${fileId}?thumb=480` });
    expect(m.metadata).toContainEqual({ label: { en: ['Creator'] }, value: { none: ['Neznani fotograf'] } });
    expect(m.items).toHaveLength(1);
    const canvas = m.items[0];
    expect(canvas).toMatchObject({ type: 'Canvas', width: 40, height: 30, label: { none: ['Stojnice na trgu'] } });
    const page = canvas.items[0];
    expect(page.type).toBe('AnnotationPage');
    const annotation = page.items[0];
    expect(annotation).toMatchObject({ type: 'Annotation', motivation: 'painting', target: canvas.id });
    expect(annotation.body).toEqual({ id: `https://mreza.test/files/${fileId}`, type: 'Image', format: 'image/jpeg', width: 40, height: 30 });
    const itemPage = await visitor.get(`/heritage/items/${itemId}`);
    expect(itemPage.body).toContain(`href="/heritage/items/${itemId}/manifest.json"`);
  });

  it('has no manifest for an unpublished or missing item', async () => {
    const visitor = await t.client();
    expect((await visitor.get(`/heritage/items/${draftId}/manifest.json`)).statusCode).toBe(404);
    expect((await visitor.get('/heritage/items/999999/manifest.json')).statusCode).toBe(404);
  });

  it('the item form uploads files: an image without alt text is refused with a message, with it is stored and painted; remove takes it off', async () => {
    const librarian = await t.client('librarian');
    const url = `/staff/heritage/items/${draftId}`;
    const form = await librarian.get(`${url}?lang=sl`);
    expect(form.body).toContain(`action="${url}/files"`);
    const png = { field: 'file', name: 'most.png', type: 'image/png', bytes: await pngBytes(20, 10) };
    const refused = await librarian.postMultipart(`${url}/files`, multipartBody({ alt_text: '' }, png));
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Slika potrebuje nadomestno besedilo');
    expect(await q.listItemFileIds(t.db, draftId)).toEqual([]);
    const partner = await t.client('partner');
    expect((await partner.postMultipart(`${url}/files`, multipartBody({ alt_text: 'Most' }, png))).statusCode).toBe(403);
    const stored = await librarian.postMultipart(`${url}/files`, multipartBody({ alt_text: 'Most čez Savo' }, png));
    expect(stored.statusCode).toBe(303);
    const [fid] = await q.listItemFileIds(t.db, draftId);
    expect((await t.app.files.get(fid!))).toMatchObject({ alt_text: 'Most čez Savo', width: 20, height: 10 });
    expect((await librarian.get(url)).body).toContain('Most čez Savo');
    expect((await librarian.postForm(`${url}/files/${fid}/remove`, {})).statusCode).toBe(303);
    expect(await q.listItemFileIds(t.db, draftId)).toEqual([]);
  });
});
