import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import { buildTestApp, testUsers, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import type { CurrentUser } from '../../web/access.js';
import { answerOai, type OaiOptions } from './oai.js';
import { createCollection, createItem, transition, updateItem, type ItemInput } from './service.js';

const schema = path.join(projectRoot, 'test', 'fixtures', 'oai', 'harvest.xsd');
const xmllint = spawnSync('xmllint', ['--version']).status === 0;
if (!xmllint) console.warn('xmllint is not installed (Debian: libxml2-utils): the OAI-PMH answers are not validated against the schema in this run.');

/** Validates an answer against OAI-PMH.xsd + oai_dc.xsd; the errors xmllint reports, or '' when it is valid. */
function schemaErrors(xml: string): string {
  if (!xmllint) return '';
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schema, '-'], { input: xml, encoding: 'utf8' });
  return r.status === 0 ? '' : r.stderr;
}

const errorCode = (xml: string) => /<error code="([^"]+)"/.exec(xml)?.[1] ?? null;
const identifiers = (xml: string) => [...xml.matchAll(/<identifier>([^<]+)<\/identifier>/g)].map((m) => m[1]!);
const token = (xml: string) => /<resumptionToken[^>]*>([^<]*)<\/resumptionToken>/.exec(xml)?.[1];

describe.each(testDialects)('OAI-PMH provider on %s', (dialect) => {
  let t: TestApp;
  const published: number[] = [];
  let withdrawn = 0;
  let draft = 0;
  let inCelje = 0;
  const get = async (query: string) => {
    const r = await t.app.inject({ method: 'GET', url: `/oai?${query}` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/xml');
    expect(schemaErrors(r.body)).toBe('');
    return r.body;
  };

  beforeAll(async () => {
    t = await buildTestApp(dialect, { publicUrl: 'https://mreza.test' });
    const u = await t.db.selectFrom('users').selectAll().where('email', '=', testUsers.admin.email).executeTakeFirstOrThrow();
    const admin: CurrentUser = { id: u.id, email: u.email, name: u.name, role: 'admin', regionId: null, libraryId: null, partnerName: null };
    await createCollection(t.db, null, { id: 'oai-kranj', regionId: 'kranj', titleSl: 'Razglednice & <pisma>', titleEn: 'Postcards', description: '' });
    await createCollection(t.db, null, { id: 'oai-celje', regionId: 'celje', titleSl: 'Celjske fotografije', titleEn: 'Celje photos', description: '' });
    const input = (n: number, collectionId: string): ItemInput => ({
      collectionId,
      type: 'Image',
      licence: 'CC-BY-SA-4.0',
      dateText: n % 2 ? 'ok. 1900' : '1920–1930',
      values: [
        { element: 'title', value: `Predmet ${n} <&> "č"`, lang: 'sl' },
        { element: 'title', value: `Item ${n}`, lang: 'en' },
        { element: 'subject', value: 'razglednice', lang: 'sl' },
        { element: 'creator', value: 'Neznan', lang: null },
      ],
      settlementIds: [10102774],
    });
    for (let n = 1; n <= 8; n++) {
      const id = await createItem(t.db, admin, input(n, n <= 6 ? 'oai-kranj' : 'oai-celje'));
      await transition(t.db, admin, 'item', id, 'submit');
      await transition(t.db, admin, 'item', id, 'publish');
      published.push(id);
      if (n > 6) inCelje++;
    }
    // Changed after publishing: still one record, with a newer datestamp.
    await updateItem(t.db, admin, published[0]!, input(1, 'oai-kranj'));
    withdrawn = published.pop()!;
    await transition(t.db, admin, 'item', withdrawn, 'withdraw');
    draft = await createItem(t.db, admin, input(99, 'oai-kranj'));
  });
  afterAll(async () => t?.close());

  it('identifies itself, lists oai_dc and the sets of collections and regions', async () => {
    const identify = await get('verb=Identify');
    expect(identify).toContain('<baseURL>https://mreza.test/oai</baseURL>');
    expect(identify).toContain('<deletedRecord>persistent</deletedRecord>');
    expect(await get('verb=ListMetadataFormats')).toContain('<metadataPrefix>oai_dc</metadataPrefix>');
    const sets = await get('verb=ListSets');
    expect(sets).toContain('<setSpec>collection-oai-kranj</setSpec><setName>Razglednice &amp; &lt;pisma&gt;</setName>');
    expect(sets).toContain('<setSpec>region-kranj</setSpec>');
  });

  it('gives a record in Dublin Core with languages, and a withdrawn one as deleted', async () => {
    const xml = await get(`verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:mreza.test:item/${published[1]}`);
    expect(xml).toContain('<dc:title xml:lang="sl">Predmet 2 &lt;&amp;&gt; &quot;č&quot;</dc:title>');
    expect(xml).toContain('<dc:title xml:lang="en">Item 2</dc:title>');
    expect(xml).toContain('<dc:date>1920–1930</dc:date>');
    expect(xml).toContain('<dc:rights>https://creativecommons.org/licenses/by-sa/4.0/</dc:rights>');
    expect(xml).toContain('<dc:coverage>Kranj (Kranj)</dc:coverage>');
    const gone = await get(`verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:mreza.test:item/${withdrawn}`);
    expect(gone).toContain('<header status="deleted">');
    expect(gone).not.toContain('<metadata>');
    expect(await get(`verb=ListMetadataFormats&identifier=oai:mreza.test:item/${published[0]}`)).toContain('oai_dc');
  });

  it('answers every error case with its code, and the answer still validates', async () => {
    const cases: [string, string][] = [
      ['', 'badVerb'],
      ['verb=Harvest', 'badVerb'],
      ['verb=Identify&verb=ListSets', 'badVerb'],
      ['verb=Identify&extra=1', 'badArgument'],
      ['verb=ListRecords', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2020-13-01', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2021-01-01T00:00:00Z', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=abc', 'badArgument'],
      ['verb=GetRecord&identifier=oai:mreza.test:item/1', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=marc21', 'cannotDisseminateFormat'],
      [`verb=GetRecord&metadataPrefix=mods&identifier=oai:mreza.test:item/${published[0]}`, 'cannotDisseminateFormat'],
      ['verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:mreza.test:item/999999', 'idDoesNotExist'],
      [`verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:mreza.test:item/${draft}`, 'idDoesNotExist'],
      ['verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:elsewhere.si:item/1', 'idDoesNotExist'],
      ['verb=ListMetadataFormats&identifier=oai:mreza.test:item/999999', 'idDoesNotExist'],
      ['verb=ListRecords&resumptionToken=not-a-token', 'badResumptionToken'],
      [`verb=ListIdentifiers&resumptionToken=${Buffer.from('{"m":"oai_dc"}').toString('base64url')}`, 'badResumptionToken'],
      ['verb=ListSets&resumptionToken=x', 'badResumptionToken'],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2999-01-01', 'noRecordsMatch'],
      ['verb=ListIdentifiers&metadataPrefix=oai_dc&set=collection-none', 'noRecordsMatch'],
    ];
    for (const [query, code] of cases) {
      const xml = await get(query);
      expect({ query, code: errorCode(xml) }).toEqual({ query, code });
      // After badVerb and badArgument the request element carries no arguments.
      if (code === 'badVerb' || code === 'badArgument') expect(xml).toContain('<request>https://mreza.test/oai</request>');
    }
  });

  it('selects by set and by date', async () => {
    const celje = await get('verb=ListIdentifiers&metadataPrefix=oai_dc&set=region-celje');
    expect(identifiers(celje)).toHaveLength(inCelje);
    const all = await get('verb=ListIdentifiers&metadataPrefix=oai_dc&from=2000-01-01&until=2999-12-31');
    expect(identifiers(all)).toHaveLength(published.length + 1);
    expect(all).toContain('status="deleted"');
  });

  it('harvests everything once through resumption tokens, the last one empty', async () => {
    const options: OaiOptions = { db: t.db, baseUrl: 'https://mreza.test/oai', repositoryId: 'mreza.test', repositoryName: 'Test', adminEmail: 'a@b.si', itemUrl: (id) => `https://mreza.test/heritage/items/${id}`, pageSize: 3 };
    const seen: string[] = [];
    let xml = await answerOai(options, 'verb=ListRecords&metadataPrefix=oai_dc');
    let pages = 1;
    for (;;) {
      expect(schemaErrors(xml)).toBe('');
      seen.push(...[...xml.matchAll(/<header[^>]*><identifier>([^<]+)<\/identifier>/g)].map((m) => m[1]!));
      const next = token(xml);
      if (!next) break;
      xml = await answerOai(options, `verb=ListRecords&resumptionToken=${encodeURIComponent(next)}`);
      pages++;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual([...published, withdrawn].map((id) => `oai:mreza.test:item/${id}`).sort());
    expect(xml).toMatch(/<resumptionToken cursor="6"><\/resumptionToken>/);
  });
});
